package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train on the bundled demo data, then predict and evaluate on fresh groups from the same generator. */
class DemoEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static Path heldOut;
  static Cli.Result training;

  @BeforeAll
  static void trainOnTheBundledData() throws Exception {
    heldOut = dir.resolve("fresh-groups.csv");
    try (OutputStream out = Files.newOutputStream(heldOut)) {
      DemoData.generate(600, 7, out);
    }
    training = Cli.run(dir, "train", "--epochs", "60", "--quiet").expectSuccess();
  }

  @Test
  void trainWithoutArgumentsUsesTheDemoDataAndWritesAModel() {
    assertThat(dir.resolve("model.zip")).exists();
    assertThat(training.out()).contains("samples/s").contains("held-out").contains("model written to model.zip");
    assertThat(training.err()).isEmpty();
  }

  @Test
  void heldOutKlIsWellBelowTheMeanPredictors() throws Exception {
    Cli.Result r = Cli.run(dir, "evaluate", "--data", heldOut.toString(), "--json").expectSuccess();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.path("rows").asInt()).isEqualTo(600);
    assertThat(report.path("overall").fieldNames()).toIterable()
        .contains("mse", "mae", "kl", "chebyshev", "clark", "canberra", "cosine", "intersection");
    assertThat(report.path("per_class").fieldNames()).toIterable()
        .containsExactly("car", "bus", "bike", "walk", "train", "ferry");
    double modelKl = report.path("overall").path("kl").asDouble();

    Dataset train = CsvDatasetReader.read(bundledDemo(), new DatasetSpec(
        String.join(",", DemoData.CLASSES), TargetKind.COUNTS, null, null, "group_id"));
    Dataset test = CsvDatasetReader.read(heldOut, new DatasetSpec(
        String.join(",", DemoData.CLASSES), TargetKind.COUNTS, null, null, "group_id"));
    double[] mean = new double[6];
    double total = 0;
    for (int i = 0; i < train.rows(); i++) {
      total += train.weights()[i];
      for (int j = 0; j < 6; j++) {
        mean[j] += train.weights()[i] * train.targets()[i * 6 + j];
      }
    }
    double[] q = new double[test.rows() * 6];
    for (int i = 0; i < test.rows(); i++) {
      for (int j = 0; j < 6; j++) {
        q[i * 6 + j] = mean[j] / total;
      }
    }
    double baselineKl = Metrics.evaluate(test.rows(), test.classNames(), test.targets(), q, test.weights()).get(Metric.KL);
    assertThat(modelKl).as("model KL vs mean predictor KL %s", baselineKl).isLessThan(0.5 * baselineKl);
    // the JSON carries the mean predictor's figures too: the model's training means on these rows
    JsonNode reference = report.path("mean_predictor");
    assertThat(reference.path("per_class").fieldNames()).toIterable().containsExactly(DemoData.CLASSES);
    assertThat(reference.path("overall").path("kl").asDouble()).isCloseTo(baselineKl,
        org.assertj.core.api.Assertions.withinPercentage(5));
  }

  @Test
  void predictWritesOneRowPerInputRowInOrderWithTheIdFirst() throws Exception {
    Path out = dir.resolve("predictions.csv");
    Cli.run(dir, "predict", "--data", heldOut.toString(), "--out", out.toString()).expectSuccess();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(601);
    assertThat(lines.get(0)).isEqualTo("group_id,car,bus,bike,walk,train,ferry");
    List<String> input = Files.readAllLines(heldOut);
    for (int i = 1; i <= 600; i++) {
      String[] cells = lines.get(i).split(",");
      assertThat(cells[0]).isEqualTo(input.get(i).split(",")[0]);
      double sum = 0;
      for (int j = 1; j < cells.length; j++) {
        double v = Double.parseDouble(cells[j]);
        assertThat(v).isBetween(0.0, 1.0);
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  @Test
  void evaluateWithoutDataUsesTheDemoDataAndPrintsATable() throws Exception {
    Cli.Result r = Cli.run(dir, "evaluate").expectSuccess();
    assertThat(r.out()).contains("2000 rows").contains("mean predictor").contains("ferry");
  }

  @Test
  void linearModelWithLbfgsOnCountsConvergesToTheMaximumLikelihoodFit() throws Exception {
    Cli.Result r = Cli.run(dir, "train", "--arch", "linear", "--optimizer", "lbfgs", "--quiet",
        "--out", "multinomial-logit.zip").expectSuccess();
    assertThat(r.out()).contains("converged (gradient norm").doesNotContain("held-out");
  }

  @Test
  void lossesListsCrossEntropyWithItsParameters() throws Exception {
    Cli.Result r = Cli.run(dir, "losses", "--json").expectSuccess();
    JsonNode losses = JSON.readTree(r.out());
    assertThat(losses.findValuesAsText("id")).contains("cross-entropy");
    assertThat(r.out()).contains("label-smoothing").contains("class-weights");
  }

  private static Path bundledDemo() throws Exception {
    Path file = dir.resolve("bundled.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      DemoData.generate(DemoData.BUNDLED_ROWS, DemoData.BUNDLED_SEED, out);
    }
    return file;
  }
}
