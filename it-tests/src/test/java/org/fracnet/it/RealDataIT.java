package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded CLI on a real label-distribution data set (SBU_3DFE: 2500 face scans, 243 LBP
 * features, 6 emotions) from {@code ../shared/data}. That folder is not part of the project (its
 * terms are unstated), so the test runs only where it is present, as on the developers' machines
 * and in CI.
 */
class RealDataIT {
  @TempDir
  Path dir;

  @Test
  void heldOutKlOnSbu3dfeIsWellBelowTheMeanPredictors() throws Exception {
    Path source = Path.of(System.getProperty("fracnet.sharedData", "../../shared/data")).resolve("SBU_3DFE.csv");
    assumeTrue(Files.isRegularFile(source), "../shared/data/SBU_3DFE.csv is not present; nothing to test on");
    List<String> lines = Files.readAllLines(source);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    Collections.shuffle(rows, new Random(1));
    int cut = rows.size() * 4 / 5;
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.csv");
    Files.write(train, concat(lines.get(0), rows.subList(0, cut)));
    Files.write(test, concat(lines.get(0), rows.subList(cut, rows.size())));

    Cli.run(dir, "train", "--data", train.toString(), "--targets", "y*", "--arch", "mlp", "--hidden", "32",
        "--weight-decay", "0.01", "--quiet", "--out", "sbu.zip").expectSuccess();
    Cli.Result r = Cli.run(dir, "evaluate", "--model", "sbu.zip", "--data", test.toString(), "--json").expectSuccess();
    double modelKl = new ObjectMapper().readTree(r.out()).path("overall").path("kl").asDouble();

    Dataset tr = CsvDatasetReader.read(train, DatasetSpec.fractions("y*"));
    Dataset te = CsvDatasetReader.read(test, DatasetSpec.fractions("y*"));
    double[] mean = TargetStatistics.of(tr.rows(), tr.classCount(), tr.targets(), tr.weights(), false).classMeans();
    double[] q = new double[te.rows() * mean.length];
    for (int i = 0; i < te.rows(); i++) {
      System.arraycopy(mean, 0, q, i * mean.length, mean.length);
    }
    double baseline = Metrics.evaluate(te.rows(), te.classNames(), te.targets(), q, te.weights()).get(Metric.KL);
    assertThat(modelKl).as("held-out KL vs the mean predictor's %s", baseline).isLessThan(0.8 * baseline);
  }

  /** Emotion6 stores fractions rounded to six significant digits: 98 rows sum to 1 only within 1.7e-6. */
  @Test
  void roundedFractionsTrainWithoutFlagsAndAreCounted() throws Exception {
    Path source = Path.of(System.getProperty("fracnet.sharedData", "../../shared/data")).resolve("Emotion6.csv");
    assumeTrue(Files.isRegularFile(source), "../shared/data/Emotion6.csv is not present; nothing to test on");
    Cli.Result r = Cli.run(dir, "train", "--data", source.toString(), "--targets", "y*", "--epochs", "1",
        "--quiet", "--out", "e.zip").expectSuccess();
    assertThat(r.err()).containsPattern("Emotion6.csv: divided \\d+ rows of fractions by their sum, as they sum to 1"
        + " only within rounding");
  }

  private static List<String> concat(String header, List<String> rows) {
    List<String> out = new ArrayList<>(rows.size() + 1);
    out.add(header);
    out.addAll(rows);
    return out;
  }
}
