package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fracnet.core.DataException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.FeatureTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model binds feature columns by name, wherever its input comes from. */
class ModelTest {
  private static final double[][] ROWS = {{3, -2}, {0.5, 7}, {-1, 1}};

  @TempDir
  Path dir;

  @Test
  void printedPredictionsAndMembersStaySmall() {
    double[] fractions = new double[25 * 2];
    java.util.Arrays.fill(fractions, 0.5);
    String[] ids = new String[25];
    for (int r = 0; r < ids.length; r++) {
      ids[r] = "r" + r;
    }
    String printed = new Predictions(List.of("a", "b"), 25, fractions, "id", ids, List.of()).toString();
    assertThat(printed.lines().toList()).hasSize(1 + Predictions.ROWS_SHOWN + 1).startsWith("id a b", "r0 0.5000 0.5000")
        .endsWith("... 15 more rows (25 in all)");
    assertThat(new Predictions(List.of("a", "b"), 2, new double[] {1, 0, 0, 1}, null, null, List.of()).toString()
        .lines().toList()).containsExactly("a b", "1.0000 0.0000", "0.0000 1.0000");
    Model.Member member = new Model.Member(42, List.of(new float[6], new float[2]),
        new org.fracnet.core.training.TrainingSummary(1, 1, 10, 0.5, 0.7, Double.NaN, "max epochs"));
    assertThat(member.toString()).startsWith("Member[seed=42, weights=[6, 2] values per array, summary=")
        .doesNotContain("[F@");
  }

  @Test
  void reorderedColumnsGiveIdenticalPredictionsAndExtraColumnsAreReported() {
    Model model = TestModels.small();
    Predictions inOrder = model.predict(FeatureTable.of(List.of("x1", "x2"), ROWS));
    double[][] swapped = new double[ROWS.length][];
    for (int i = 0; i < ROWS.length; i++) {
      swapped[i] = new double[] {99, ROWS[i][1], ROWS[i][0]};
    }
    Predictions reordered = model.predict(FeatureTable.of(List.of("unused", "x2", "x1"), swapped));
    assertThat(reordered.fractions()).containsExactly(inOrder.fractions());
    assertThat(reordered.ignoredColumns()).containsExactly("unused");
    assertThat(inOrder.ignoredColumns()).isEmpty();
    assertThat(inOrder.fractions()).containsExactly(model.predict(3, new double[] {3, -2, 0.5, 7, -1, 1}));
  }

  @Test
  void aMissingColumnIsNamed() {
    assertThatThrownBy(() -> TestModels.small().predict(FeatureTable.of(List.of("x2", "x3"), ROWS)))
        .isInstanceOf(DataException.class).hasMessageContaining("x1");
  }

  @Test
  void evaluationBindsFeaturesByNameAndComparesWithTheMeanPredictor() {
    Model model = TestModels.small();
    double[] p = {0.2, 0.8, 0.5, 0.5, 0.9, 0.1};
    Dataset ordered = new Dataset("rows", new double[] {3, -2, 0.5, 7, -1, 1}, p, null, false,
        List.of("x1", "x2"), List.of("a", "b"), null, null);
    Dataset swapped = new Dataset("rows", new double[] {-2, 3, 7, 0.5, 1, -1}, p, null, false,
        List.of("x2", "x1"), List.of("a", "b"), null, null);
    Evaluation a = model.evaluate(ordered);
    Evaluation b = model.evaluate(swapped);
    assertThat(b.model().overallByKey()).isEqualTo(a.model().overallByKey());
    // the mean predictor is the run record's training class means, 0.25 and 0.75
    assertThat(a.meanPredictor().perClass().get("a").get("mean_predicted")).isEqualTo(0.25);
    assertThat(a.toString()).contains("mean predictor").contains("kl");
    // per class, the mean predictor's MSE and the model's skill against it: 1 - mse / mse_mean_pred
    double mse = a.model().perClass().get("a").get("mse");
    double constant = a.meanPredictor().perClass().get("a").get("mse");
    String row = a.toString().lines().filter(l -> l.startsWith("a ")).findFirst().orElseThrow();
    assertThat(a.toString()).contains("mse_mean_pred").contains("mse_skill");
    assertThat(row).contains(String.format(java.util.Locale.ROOT, "%.6f", constant))
        .endsWith(String.format(java.util.Locale.ROOT, "%+.1f %%", 100 * (1 - mse / constant)));
  }

  @Test
  void predictingACsvFileBindsByNameAndWritesAtomically() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "note,x2,id,x1\nfirst,-2,r1,3\nsecond,7,r2,0.5\n");
    Path out = dir.resolve("out.csv");
    PredictionReport report = TestModels.small().predictCsv(in, out);
    assertThat(report.rows()).isEqualTo(2);
    assertThat(report.ignoredColumns()).containsExactly("note");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("id,a,b");
    double[] q = TestModels.small().predict(1, new double[] {3, -2});
    assertThat(lines.get(1)).startsWith("r1," + q[0]);
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void aFileWithoutTheModelsIdColumnIsPredictedInRowOrderWithANote() throws Exception {
    Path in = dir.resolve("new.csv");
    Files.writeString(in, "x2,x1\n-2,3\n7,0.5\n");
    Path out = dir.resolve("new-out.csv");
    PredictionReport report = TestModels.small().predictCsv(in, out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("a,b");
    double[] q = TestModels.small().predict(1, new double[] {3, -2});
    assertThat(lines.get(1)).isEqualTo(q[0] + "," + q[1]);
    assertThat(report.notes()).containsExactly(in + " has no column 'id', the model's id column: its predictions are"
        + " in row order, without ids");
  }

  @Test
  void aPredictionFileNamedGzIsGzipCompressed() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "x2,id,x1\n-2,r1,3\n7,r2,0.5\n");
    Path plain = dir.resolve("plain.csv");
    Path gz = dir.resolve("out.CSV.GZ");
    TestModels.small().predictCsv(in, plain);
    TestModels.small().predictCsv(in, gz);
    try (java.io.InputStream z = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
      assertThat(new String(z.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(plain));
    }
  }

  @Test
  void skippingWritesARowThatCannotBeReadInItsPlaceWithEmptyFractions() throws Exception {
    Path in = dir.resolve("gaps.csv");
    Files.writeString(in, "x2,id,x1\n-2,r1,3\n,r2,0.5\n7,r3\n1,r4,2\n");
    Path out = dir.resolve("gaps-out.csv");
    PredictionReport report = TestModels.small().predictCsv(in, out, org.fracnet.core.data.InvalidRows.SKIP);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).startsWith("r1," + TestModels.small().predict(1, new double[] {3, -2})[0]);
    assertThat(lines.get(2)).as("an empty feature").matches("r2,(\"\")?,");
    assertThat(lines.get(3)).as("a row too short, its id still there").isEqualTo("r3,,");
    assertThat(lines.get(4)).startsWith("r4," + TestModels.small().predict(1, new double[] {2, 1})[0]);
    assertThat(report.rows()).isEqualTo(4);
    assertThat(report.notes()).containsExactly(in + ": 2 rows of 4 could not be read and have empty predictions"
        + " (InvalidRows.SKIP), in their place; the first: " + in + " line 3, column x2 is empty; fracnet needs a"
        + " number in every cell it reads: fill in the missing value");
    assertThatThrownBy(() -> TestModels.small().predictCsv(in, dir.resolve("x.csv")))
        .hasMessageContaining("line 3, column x2 is empty");
  }
}
