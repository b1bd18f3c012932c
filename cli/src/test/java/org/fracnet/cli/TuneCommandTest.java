package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.fracnet.core.Fracnet;
import org.fracnet.core.model.Model;
import org.fracnet.core.tune.Tuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --tune} end to end on a small generated file, and its flags' errors. */
class TuneCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** 120 rows: 4 features, 3 classes from a softmax of a linear map plus noise. */
  private Path data() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    StringBuilder csv = new StringBuilder("f1,f2,f3,f4,y1,y2,y3\n");
    for (int i = 0; i < 120; i++) {
      double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double[] z = {x[0] + 0.5 * x[1], x[2] - x[0], 0.3 * x[3]};
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        z[k] = Math.exp(z[k] + 0.1 * r.nextGaussian());
        sum += z[k];
      }
      for (double v : x) {
        csv.append(v).append(',');
      }
      csv.append(z[0] / sum).append(',').append(z[1] / sum).append(',').append(z[2] / sum).append('\n');
    }
    Path file = dir.resolve("d.csv");
    Files.writeString(file, csv.toString());
    return file;
  }

  @Test
  void tuneQuickSearchesRefitsWritesTheRecordAndEvaluateShowsIt() throws Exception {
    Path data = data();
    Path model = dir.resolve("m.zip");
    long start = System.nanoTime();
    assertThat(run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--epochs", "20",
        "--threads", "1", "--out", model.toString())).as(err.toString()).isZero();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(seconds).isLessThan(30);
    assertThat(err.toString()).contains("tuning (quick, 6 settings, 3-fold cross-validation by kl) on 120 rows")
        .contains("run 18 of 18").contains("about 0 s left").contains("tuning: refitting ");
    String printed = out.toString();
    assertThat(printed).contains("  setting ").contains("base").contains("hidden 256,256").contains("linear")
        .contains("tuned (quick, 3-fold cross-validation on 120 rows").contains("(base settings: ")
        .contains("held-out (24 rows): KL").contains("model written to " + model);
    assertThat(printed.lines().filter(l -> l.startsWith("* "))).hasSize(1);
    assertThat(model.resolveSibling("m.zip.checkpoint")).doesNotExist();

    Model m = Fracnet.discover().load(model);
    Tuning t = m.tuning().orElseThrow();
    assertThat(t.trials()).hasSize(6);
    assertThat(t.metric()).isEqualTo("kl");
    assertThat(t.rows()).isEqualTo(120);
    double best = t.trials().stream().filter(Tuning.Trial::ok).mapToDouble(Tuning.Trial::score).min().orElseThrow();
    assertThat(t.choice().score()).isEqualTo(best);
    assertThat(t.choice().architecture()).startsWith(m.run().architecture()); // the refit trained the choice

    out.getBuffer().setLength(0);
    assertThat(run("evaluate", "--model", model.toString(), "--data", data.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("tuned (quick, 3-fold cross-validation on 120 rows");
  }

  @Test
  void theFlagsOfTuningAreCheckedInTheCommandLinesWords() throws Exception {
    Path data = data();
    assertThat(run("train", "--data", data.toString(), "--targets", "y*", "--folds", "4")).isEqualTo(2);
    assertThat(err.toString()).contains("--select-by, --candidates and --folds choose how --tune searches");
    assertThat(run("train", "--data", data.toString(), "--targets", "y*", "--tune", "huge")).isEqualTo(2);
    assertThat(err.toString()).contains("--tune huge is not known; use quick, standard or thorough");
    assertThat(run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--select-by", "accuracy"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--select-by accuracy is not a metric; use one of mse, mae, kl");
    assertThat(run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--folds", "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--folds 1 is out of range");
    assertThat(run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--resume")).isEqualTo(2);
    assertThat(err.toString()).contains("--tune keeps no checkpoint");
  }
}
