package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fracnet train --ensemble 3} through the shaded jar: one model file of format 2 with three
 * members, which {@code predict} and {@code evaluate} read as they read any model.
 */
class EnsembleIT {
  @TempDir
  Path dir;

  @Test
  void anEnsembleTrainsToOneFileThatPredictAndEvaluateRead() throws Exception {
    StringBuilder csv = new StringBuilder("x1,x2,x3,a,b,c\n");
    Random random = new Random(5);
    for (int i = 0; i < 300; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      double x3 = random.nextGaussian();
      double[] e = {Math.exp(x1), Math.exp(0.5 * x2 - x3), 1};
      double sum = e[0] + e[1] + e[2];
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.6f,%.6f,%.6f%n", x1, x2, x3, e[0] / sum, e[1] / sum,
          1 - e[0] / sum - e[1] / sum));
    }
    Files.writeString(dir.resolve("data.csv"), csv);

    Cli.Result train = Cli.run(dir, "train", "--data", "data.csv", "--targets", "a,b,c", "--ensemble", "3",
        "--epochs", "20", "--quiet", "--out", "ensemble.zip").expectSuccess();
    assertThat(train.out()).contains("member 1 of 3 (seed 42): ", "member 3 of 3 (seed 44): ",
        "trained an ensemble of 3 members", "held-out (60 rows held out by member 1, each predicted by the members that held it out too", "model written to ensemble.zip");
    assertThat(dir.resolve("ensemble.zip.checkpoint")).doesNotExist();
    assertThat(dir.resolve("ensemble.zip.checkpoint.member-2")).doesNotExist();
    try (ZipFile zip = new ZipFile(dir.resolve("ensemble.zip").toFile())) {
      JsonNode json = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("model.json")));
      assertThat(json.get("format_version").asInt()).isEqualTo(2);
      assertThat(json.get("ensemble").get("members").asInt()).isEqualTo(3);
      assertThat(json.get("ensemble").get("seeds").toString()).isEqualTo("[42,43,44]");
    }

    Cli.Result predict = Cli.run(dir, "predict", "--model", "ensemble.zip", "--data", "data.csv", "--out", "q.csv")
        .expectSuccess();
    assertThat(Files.readAllLines(dir.resolve("q.csv"))).hasSize(301).first().isEqualTo("a,b,c");
    Cli.Result evaluate = Cli.run(dir, "evaluate", "--model", "ensemble.zip", "--data", "data.csv").expectSuccess();
    assertThat(evaluate.out()).contains("evaluated on 300 rows");
    assertThat(predict.err() + evaluate.err()).doesNotContain("error");

    Cli.Result zero = Cli.run(dir, "train", "--data", "data.csv", "--targets", "a,b,c", "--ensemble", "0", "--out", "z.zip");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--ensemble 0 is out of range");
  }
}
