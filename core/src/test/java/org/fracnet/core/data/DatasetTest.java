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

/** A data set built in memory is checked by the same code, with the same messages, as a CSV file. */
class DatasetTest {
  private static final List<String> F = List.of("f1", "f2");
  private static final List<String> Y = List.of("y1", "y2", "y3");

  @TempDir
  Path dir;

  private static Dataset.Builder fractions(double[][] x, double[][] p) {
    return Dataset.builder("survey").features(F, x).targets(Y, p);
  }

  @Test
  void aNanTargetInMemoryIsADataErrorNamingRowColumnAndValue() {
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}, {3, 4}},
        new double[][] {{0.2, 0.3, 0.5}, {0.5, Double.NaN, 0.5}}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey row 2 (1-based), column y2: NaN is not finite; values must be finite numbers"
            + " (fix the row, or use InvalidRows.SKIP to drop such rows)");
  }

  @Test
  void aRowSummingTo1point7IsADataErrorNamingTheRowAndTheFix() {
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}}, new double[][] {{0.5, 0.7, 0.5}}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey row 1 (1-based): the fractions in y1,y2,y3 sum to 1.7; each row must sum to 1"
            + " within 0.000001 (if these are counts, use TargetKind.COUNTS, which"
            + " weighs each row by its total; InvalidRows.RENORMALIZE divides such rows by their sum, and each row weighs 1)");
  }

  @Test
  void theConstructorChecksAsTheBuilderDoes() {
    assertThatThrownBy(() -> new Dataset("teacher", new double[] {1, 2}, new double[] {0.5, 0.7, 0.5, 1, 0, 0},
        null, false, List.of("f"), Y, null, null))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("teacher row 1 (1-based): the fractions in y1,y2,y3 sum to 1.7;");
    assertThatThrownBy(() -> new Dataset("teacher", new double[] {1, Double.POSITIVE_INFINITY},
        new double[] {0.5, 0.5, 0, 1, 0, 0}, null, false, List.of("f"), Y, null, null))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("teacher row 2 (1-based), column f: Infinity is not finite");
    assertThatThrownBy(() -> new Dataset("teacher", new double[] {1, 2}, new double[] {0.5, 0.5, 0, 1, 0, 0},
        new double[] {1, 0}, true, List.of("f"), Y, null, null))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("teacher row 2 (1-based), weight: 0.0 is not positive; weights must be > 0");
  }

  @Test
  void theConstructorCopiesItsArraysAndWeighsRowsOneWithoutWeights() {
    double[] x = {1, 2};
    double[] p = {0.5, 0.5, 0, 1, 0, 0};
    Dataset d = new Dataset("teacher", x, p, null, false, List.of("f"), Y, "id", new String[] {"a", "b"});
    x[0] = 99;
    assertThat(d.features()).containsExactly(1, 2);
    assertThat(d.weights()).containsExactly(1, 1);
    assertThat(d.id(1)).isEqualTo("b");
  }

  @Test
  void aNegativeOrNanWeightIsADataError() {
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}, {3, 4}},
        new double[][] {{0.2, 0.3, 0.5}, {1, 0, 0}}).weights(new double[] {1, -2}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey row 2 (1-based), weight: -2.0 is not positive; weights must be > 0"
            + " (fix the row, or use InvalidRows.SKIP to drop such rows)");
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}}, new double[][] {{1, 0, 0}})
        .weights(new double[] {Double.NaN}).build())
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("survey row 1 (1-based), weight: NaN is not finite");
  }

  @Test
  void aNegativeFractionReadsAsInACsvFile() throws IOException {
    Path file = Files.writeString(dir.resolve("data.csv"), "f1,f2,y1,y2,y3\n1,2,0.5,0.5,0\n3,4,1.02,0,-0.02\n");
    double[][] x = {{1, 2}, {3, 4}};
    double[][] p = {{0.5, 0.5, 0}, {1.02, 0, -0.02}};
    String problem = ", column y3: -0.02 is negative; fractions must be >= 0"
        + " (fix the row, or use InvalidRows.SKIP to drop such rows)";
    assertThatThrownBy(() -> Dataset.readCsv(file, DatasetSpec.fractions("y*")))
        .isInstanceOf(DataException.class).hasMessage(file + " line 3" + problem);
    assertThatThrownBy(() -> fractions(x, p).build())
        .isInstanceOf(DataException.class).hasMessage("survey row 2 (1-based)" + problem);
  }

  @Test
  void countsBuiltInMemoryEqualTheSameCountsReadFromCsv() throws IOException {
    Path file = Files.writeString(dir.resolve("counts.csv"),
        "id,f1,f2,y1,y2,y3,w\na,1,2,8,2,0,0.5\nb,3,4.5,1,1,2,2\nc,5,6,0,0,3,1\n");
    Dataset fromCsv = Dataset.readCsv(file, new DatasetSpec("y1:y3", TargetKind.COUNTS, "w", "f1,f2", "id"));
    Dataset inMemory = Dataset.builder("counts")
        .features(F, new double[][] {{1, 2}, {3, 4.5}, {5, 6}})
        .targets(Y, new double[][] {{8, 2, 0}, {1, 1, 2}, {0, 0, 3}})
        .targetsAre(TargetKind.COUNTS)
        .weights(new double[] {0.5, 2, 1})
        .ids("id", new String[] {"a", "b", "c"})
        .build();
    assertThat(inMemory.features()).containsExactly(fromCsv.features());
    assertThat(inMemory.targets()).containsExactly(fromCsv.targets());
    assertThat(inMemory.weights()).containsExactly(fromCsv.weights()).containsExactly(5, 8, 3);
    assertThat(inMemory.weightsAreCounts()).isTrue().isEqualTo(fromCsv.weightsAreCounts());
    assertThat(inMemory.featureNames()).isEqualTo(fromCsv.featureNames());
    assertThat(inMemory.classNames()).isEqualTo(fromCsv.classNames());
    assertThat(inMemory.idColumn()).isEqualTo(fromCsv.idColumn()).isEqualTo("id");
    assertThat(inMemory.id(2)).isEqualTo(fromCsv.id(2)).isEqualTo("c");
  }

  @Test
  void aRowOfCountsWithoutATotalIsADataError() {
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}}, new double[][] {{0, 0, 0}})
        .targetsAre(TargetKind.COUNTS).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey row 1 (1-based): the counts in y1,y2,y3 sum to 0; a row of counts needs a"
            + " positive total (fix the row, or use InvalidRows.SKIP to drop such rows)");
  }

  @Test
  void skipAndRenormalizeWorkInMemoryAndSayHowMany() {
    double[][] x = {{1, 2}, {3, 4}, {5, 6}};
    double[][] p = {{0.5, 0.5, 0}, {0.3, 0.1, 0}, {0.5, -0.5, 1}};
    List<String> warnings = new ArrayList<>();
    Dataset skipped = fractions(x, p).invalidRows(InvalidRows.SKIP, warnings::add).build();
    assertThat(skipped.features()).containsExactly(1, 2);
    assertThat(warnings).singleElement().asString()
        .startsWith("survey: skipped 2 invalid rows of 3 (67 %, InvalidRows.SKIP); the first: survey row 2 (1-based)");
    warnings.clear();
    double[][] rounded = {{0.5, 0.5, 0}, {0.3, 0.1, 0}};
    Dataset renormalized = fractions(new double[][] {{1, 2}, {3, 4}}, rounded)
        .invalidRows(InvalidRows.RENORMALIZE, warnings::add).build();
    assertThat(renormalized.targets()).containsExactly(new double[] {0.5, 0.5, 0, 0.75, 0.25, 0},
        org.assertj.core.api.Assertions.within(1e-15));
    assertThat(warnings).containsExactly("survey: divided 1 row of fractions by their sum (InvalidRows.RENORMALIZE)");
  }

  @Test
  void shapesThatDoNotFitTheNamesAreDataErrors() {
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}, {3}}, new double[][] {{1, 0, 0}, {1, 0, 0}}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey row 2 (1-based) has 1 feature values for 2 feature names;"
            + " every row needs one value per name");
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}}, new double[][] {{1, 0, 0}, {1, 0, 0}}).build())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("1 rows of features but 2 rows of targets");
    assertThatThrownBy(() -> Dataset.builder("survey").features(F, new double[][] {{1, 2}})
        .targets(List.of("only"), new double[][] {{1}}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey: 1 class name given; a data set needs at least 2 classes, one name per column");
    assertThatThrownBy(() -> Dataset.builder("survey").features(List.of("a", "a"), new double[][] {{1, 2}})
        .targets(Y, new double[][] {{1, 0, 0}}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey: feature name 'a' appears twice; column names must be unique");
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}}, new double[][] {{1, 0, 0}})
        .ids("id", new String[] {"a", "b"}).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey: 2 ids for 1 rows; give one id per row");
    assertThatThrownBy(() -> fractions(new double[0][], new double[0][]).build())
        .isInstanceOf(DataException.class)
        .hasMessage("survey has no data rows; add at least one row");
  }

  @Test
  void theBuilderCopiesItsArrays() {
    double[][] x = {{1, 2}};
    double[][] p = {{1, 0, 0}};
    Dataset d = fractions(x, p).build();
    x[0][0] = 99;
    p[0][0] = 0;
    assertThat(d.features()).containsExactly(1, 2);
    assertThat(d.targets()).containsExactly(1, 0, 0);
  }

  @Test
  void withFeatureOrderTakesFeaturesByNameAndNamesAMissingOne() {
    Dataset d = Dataset.builder("survey")
        .features(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {4, 5, 6}})
        .targets(List.of("y1", "y2"), new double[][] {{1, 0}, {0, 1}})
        .build();
    Dataset reordered = d.withFeatureOrder(List.of("c", "a"));
    assertThat(reordered.featureNames()).containsExactly("c", "a");
    assertThat(reordered.features()).containsExactly(3, 1, 6, 4);
    assertThat(reordered.targets()).containsExactly(d.targets());
    assertThat(d.withFeatureOrder(List.of("a", "b", "c"))).isSameAs(d);
    assertThatThrownBy(() -> d.withFeatureOrder(List.of("a", "income")))
        .isInstanceOf(DataException.class)
        .hasMessage("survey: the feature column 'income' is missing; the features needed are a,income"
            + " and the columns present are a,b,c (names must match exactly, including case)");
  }

  @Test
  void selectAndWithFeaturesCopyWithoutCheckingAgain() {
    Dataset d = fractions(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 0, 0}, {0, 1, 0}})
        .ids("id", new String[] {"a", "b"}).build();
    Dataset second = d.select(new int[] {1});
    assertThat(second.features()).containsExactly(3, 4);
    assertThat(second.id(0)).isEqualTo("b");
    assertThat(d.withFeatures(new double[] {0, 0, 0, 0}).features()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void inMemoryARowWithinTheDefaultToleranceIsDividedAndCountedAndOneBeyondIsAnError() {
    List<String> warnings = new ArrayList<>();
    Dataset d = fractions(new double[][] {{1, 2}, {3, 4}}, new double[][] {{0.2, 0.3, 0.5000005}, {0.1, 0.2, 0.7}})
        .invalidRows(InvalidRows.ERROR, warnings::add)
        .build();
    double sum = 0.2 + 0.3 + 0.5000005;
    assertThat(d.targets()).containsExactly(0.2 / sum, 0.3 / sum, 0.5000005 / sum, 0.1, 0.2, 0.7);
    assertThat(warnings).containsExactly("survey: divided 1 row of fractions by their sum, as it sums to 1 only"
        + " within rounding (the furthest: survey row 1 (1-based), which sums to 1.0000005)");
    assertThatThrownBy(() -> fractions(new double[][] {{1, 2}}, new double[][] {{0.333, 0.333, 0.333}}).build())
        .hasMessageStartingWith("survey row 1 (1-based): the fractions in y1,y2,y3 sum to 0.999; each row must sum"
            + " to 1 within 0.000001 (if these are counts");
  }
}
