package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fracnet compare} with no arguments, as a user runs it: the bundled demo data, the default
 * candidates, the standard budget. Its report must hold the promised fields, and its verdict and
 * "best" must agree with its own table.
 */
class CompareIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static Cli.Result run;
  static JsonNode results;
  static double seconds;

  @BeforeAll
  static void compareOnTheDemoData() throws Exception {
    long start = System.nanoTime();
    run = Cli.run(dir, "compare").expectSuccess();
    seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("fracnet compare (demo data, standard budget): %.0f s%n", seconds);
    results = JSON.readTree(dir.resolve("fracnet-report/results.json").toFile());
  }

  @Test
  void writesTheThreeReportFilesAndPrintsTheVerdict() throws Exception {
    Path report = dir.resolve("fracnet-report");
    assertThat(report.resolve("summary.md")).exists();
    assertThat(report.resolve("index.html")).exists();
    assertThat(Files.readString(report.resolve("summary.md"))).startsWith("# Which loss for").contains("## Verdict");
    assertThat(run.out()).contains("- Best by KL: ").contains("report written to");
    assertThat(run.err()).contains("comparing").doesNotContain("Exception");
  }

  @Test
  void resultsHaveThePromisedFields() {
    assertThat(results.path("format_version").asInt()).isEqualTo(2);
    assertThat(results.path("fracnet_version").asText()).isEqualTo(ConsumerProject.version());
    assertThat(results.path("folds").asInt()).isEqualTo(5);
    assertThat(results.path("rows").asInt()).isEqualTo(2000);
    assertThat(results.path("network").asText()).isEqualTo("mlp 6-64-64-6, relu"); // the default network, 6 in, 6 out
    assertThat(results.path("candidates").size()).isGreaterThanOrEqualTo(8);
    for (JsonNode c : results.path("candidates")) {
      assertThat(c.path("id").asText()).isNotEmpty();
      assertThat(c.path("loss").asText()).isNotEmpty();
      assertThat(c.path("parameters").isObject()).isTrue();
      // the loss's defaults filled in: every given parameter, with its value, and more
      c.path("parameters").fields().forEachRemaining(e -> assertThat(c.path("resolved_parameters")
          .path(e.getKey()).asText()).as(c.path("id").asText()).isEqualTo(e.getValue().asText()));
      assertThat(c.path("resolved_parameters").size()).isGreaterThanOrEqualTo(c.path("parameters").size());
      assertThat(c.path("chosen").size()).isEqualTo(5);
      assertThat(c.path("metrics").path("kl").path("per_fold").size()).isEqualTo(5);
      assertThat(c.path("metrics").path("aitchison").path("mean").isNumber()).isTrue();
      assertThat(c.path("per_class").path("ferry").path("relative_error_of_mean").isNumber()).isTrue();
      assertThat(c.path("calibration").path("ferry").size()).isPositive();
    }
    JsonNode first = results.path("comparisons").get(0);
    for (String field : List.of("a", "b", "metric", "difference", "ci", "p_value", "p_adjusted", "p_across_folds")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(results.path("verdict").size()).isPositive();
    assertThat(results.path("small_classes").toString()).contains("ferry");
  }

  @Test
  void bestAgreesWithTheMetricMeansAndTheVerdictNamesIt() {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : iterable(results.path("best"))) {
      String metric = e.getKey();
      boolean higher = metric.equals("cosine") || metric.equals("intersection");
      String best = null;
      double bestValue = 0;
      for (JsonNode c : results.path("candidates")) {
        double v = c.path("metrics").path(metric).path("mean").asDouble();
        if (best == null || (higher ? v > bestValue : v < bestValue)) {
          best = c.path("id").asText();
          bestValue = v;
        }
      }
      assertThat(e.getValue().asText()).as("best for %s", metric).isEqualTo(best);
      checked.add(metric);
    }
    assertThat(checked).contains("kl", "mse", "mae", "aitchison");
    assertThat(results.path("verdict").get(0).asText()).startsWith("Best by KL: " + results.path("best").path("kl").asText() + ",");
  }

  @Test
  void classWeightsAreJudgedAgainstTheSameLossWithoutThem() {
    List<String> sentences = new ArrayList<>();
    results.path("verdict").forEach(v -> sentences.add(v.asText()));
    // the demo data's ferry is 0.5 %: the verdict says what class weights do, against the unweighted form
    String weights = sentences.stream().filter(v -> v.startsWith("Class weights: ")).findFirst().orElseThrow();
    assertThat(weights).matches(w -> w.startsWith("Class weights: weighted-mse{") ? w.contains(" for mse")
        : w.startsWith("Class weights: cross-entropy{") && w.contains(" for cross-entropy"), "names the unweighted loss");
    assertThat(weights).containsPattern("ferry at [+-][0-9.]+ % \\(95 % CI [+-][0-9.]+ to [+-][0-9.]+ %\\), against");
    assertThat(results.path("small_classes").toString()).contains("ferry");
  }

  @Test
  void eachSmallClassSentenceGivesTheRelativeErrorWithItsInterval() {
    String ferry = null;
    for (JsonNode v : results.path("verdict")) {
      if (v.asText().startsWith("Small class ferry ")) {
        ferry = v.asText();
      }
    }
    assertThat(ferry).isNotNull();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\): (\\S+) comes closest to its mean, relative error"
        + " ([-+][0-9.]+) % \\(95 % CI ([-+][0-9.]+) to ([-+][0-9.]+) %\\)").matcher(ferry);
    assertThat(m.find()).as(ferry).isTrue();
    double error = Double.parseDouble(m.group(2));
    assertThat(error).isBetween(Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
    assertThat(results.path("candidates").findValuesAsText("id")).contains(m.group(1));
    for (JsonNode c : results.path("candidates")) {
      if (c.path("id").asText().equals(m.group(1))) {
        assertThat(error).isCloseTo(100 * c.path("per_class").path("ferry").path("relative_error_of_mean").asDouble(),
            org.assertj.core.api.Assertions.within(0.051));
      }
    }
  }

  @Test
  void theVerdictGivesTheScaleOfPredictingTheMean() {
    JsonNode reference = results.path("mean_predictor").path("metrics");
    assertThat(reference.path("kl").path("per_fold").size()).isEqualTo(5);
    assertThat(reference.path("cosine").path("mean").isNumber()).isTrue();
    double mean = reference.path("kl").path("mean").asDouble();
    String bestId = results.path("best").path("kl").asText();
    double best = Double.NaN;
    for (JsonNode c : results.path("candidates")) {
      if (c.path("id").asText().equals(bestId)) {
        best = c.path("metrics").path("kl").path("mean").asDouble();
      }
    }
    assertThat(best).isPositive();
    assertThat(mean).isGreaterThan(best); // the demo's features carry signal
    String scale = results.path("verdict").get(1).asText();
    assertThat(scale).startsWith(String.format(java.util.Locale.ROOT, "For scale: always predicting the training"
        + " folds' mean fractions scores KL %.5f out of fold; %s is %.1f %% below it", mean, bestId,
        100 * (mean - best) / mean)).containsPattern("below it \\(95 % CI [0-9.]+ to [0-9.]+ %\\)");
  }

  @Test
  void theSummaryAndThePageShowTheMeanPredictorForScale() throws Exception {
    String kl = String.format(java.util.Locale.ROOT, "%.5f",
        results.path("mean_predictor").path("metrics").path("kl").path("mean").asDouble());
    assertThat(Files.readString(dir.resolve("fracnet-report/summary.md")))
        .containsPattern("\\| _mean fractions, no features_ \\| .*_" + kl + "_");
    assertThat(Files.readString(dir.resolve("fracnet-report/index.html"))).contains("mean fractions (no features)");
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
