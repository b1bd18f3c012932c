package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features are taken by column name, whatever their order; extra columns are reported. */
class FeatureTableTest {
  private static final List<String> MODEL = List.of("age", "income", "distance");

  @TempDir
  Path dir;

  @Test
  void reorderedColumnsBindToTheSameFeatures() {
    FeatureTable inOrder = FeatureTable.of(MODEL, new double[][] {{30, 50, 8}, {60, 40, 2}});
    FeatureTable shuffled = FeatureTable.of(List.of("distance", "age", "income"),
        new double[][] {{8, 30, 50}, {2, 60, 40}});
    BoundFeatures a = inOrder.bind(MODEL);
    BoundFeatures b = shuffled.bind(MODEL);
    assertThat(b.x()).containsExactly(a.x()).containsExactly(30, 50, 8, 60, 40, 2);
    assertThat(b.columns()).isEqualTo(MODEL);
    assertThat(a.x()).as("no copy when the order already fits").isSameAs(inOrder.x());
  }

  @Test
  void extraColumnsAreIgnoredAndReported() {
    FeatureTable t = FeatureTable.of(List.of("region", "age", "income", "distance", "note"),
        new double[][] {{1, 30, 50, 8, 0}}, "id", new String[] {"g1"});
    BoundFeatures bound = t.bind(MODEL);
    assertThat(bound.x()).containsExactly(30, 50, 8);
    assertThat(bound.ignored()).containsExactly("region", "note");
    assertThat(t.ids()).containsExactly("g1");
    assertThat(t.idColumn()).isEqualTo("id");
  }

  @Test
  void aMissingColumnIsADataErrorNamingItAndTheColumnsPresent() {
    FeatureTable t = FeatureTable.of(List.of("distance", "age"), new double[][] {{8, 30}});
    assertThatThrownBy(() -> t.bind(MODEL))
        .isInstanceOf(DataException.class)
        .hasMessage("the feature table: the feature column 'income' is missing; the features needed are"
            + " age,income,distance and the columns present are distance,age"
            + " (names must match exactly, including case)");
    assertThatThrownBy(() -> FeatureTable.of(List.of("x"), new double[][] {{1}}).bind(MODEL))
        .hasMessageStartingWith("the feature table: the feature columns age,income,distance are missing;");
  }

  @Test
  void valuesThatAreNotFiniteAndBadShapesAreDataErrors() {
    assertThatThrownBy(() -> FeatureTable.of(MODEL, new double[][] {{1, 2, 3}, {1, Double.NaN, 3}}))
        .isInstanceOf(DataException.class)
        .hasMessage("the feature table row 2 (1-based), column income: NaN is not finite;"
            + " values must be finite numbers (fix the value; a model cannot predict from a missing one)");
    assertThatThrownBy(() -> FeatureTable.of(MODEL, new double[][] {{1, 2}}))
        .isInstanceOf(DataException.class)
        .hasMessage("the feature table row 1 (1-based) has 2 values for 3 columns;"
            + " every row needs one value per column");
    assertThatThrownBy(() -> FeatureTable.of(List.of("a", "a"), new double[][] {{1, 2}}))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'a' appears twice");
    assertThatThrownBy(() -> FeatureTable.of(MODEL, new double[][] {{1, 2, 3}}, "id", new String[] {"a", "b"}))
        .isInstanceOf(DataException.class)
        .hasMessage("the feature table: 2 ids for 1 rows; give one id per row");
  }

  @Test
  void aCsvFileBindsByNameAndReportsItsExtraColumns() throws IOException {
    Path file = Files.writeString(dir.resolve("new.csv"), "note,distance,id,age,income\nx,8,g1,30,50\ny,2,g2,60,40\n");
    List<FeatureTable> chunks = new ArrayList<>();
    List<String> ignored = CsvDatasetReader.forEachFeatureChunk(file, MODEL, "id", 10, chunks::add);
    assertThat(ignored).containsExactly("note");
    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.x()).containsExactly(30, 50, 8, 60, 40, 2);
      assertThat(c.columns()).isEqualTo(MODEL);
      assertThat(c.ids()).containsExactly("g1", "g2");
    });
    Path lacking = Files.writeString(dir.resolve("lacking.csv"), "age,distance\n30,8\n");
    assertThatThrownBy(() -> CsvDatasetReader.readFeatures(lacking, MODEL, null))
        .isInstanceOf(DataException.class)
        .hasMessage(lacking + ": the feature column 'income' is missing; the features needed are"
            + " age,income,distance and the columns present are age,distance"
            + " (names must match exactly, including case)");
  }

  @Test
  void aDatasetsFeaturesAreATable() {
    Dataset d = Dataset.builder("survey").features(MODEL, new double[][] {{30, 50, 8}})
        .targets(List.of("y1", "y2"), new double[][] {{1, 0}}).ids("id", new String[] {"g"}).build();
    FeatureTable t = d.featureTable();
    assertThat(t.columns()).isEqualTo(MODEL);
    assertThat(t.x()).isSameAs(d.features());
    assertThat(t.ids()).containsExactly("g");
  }
}
