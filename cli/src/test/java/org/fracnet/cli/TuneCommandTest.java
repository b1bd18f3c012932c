package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fracnet.core.Fracnet;
import org.fracnet.core.model.Model;
import org.fracnet.core.tune.Tuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --tune} end to end on a small generated file, and its flags' errors. */
class TuneCommandTest {
  @TempDir
  Path dir;

  private final CliRun cli = new CliRun();

  private Path data() throws Exception {
    return GeneratedCsv.write(dir.resolve("d.csv"), 120);
  }

  @Test
  void theHelpCountsTheSettingsTheLibrarySearches() throws Exception {
    String help = TuneOptions.class.getDeclaredField("budget").getAnnotation(picocli.CommandLine.Option.class)
        .description()[0];
    assertThat(help).contains("quick (" + org.fracnet.core.tune.SearchSpace.of(org.fracnet.core.compare.Budget.QUICK)
        .size() + " settings), standard (" + org.fracnet.core.tune.SearchSpace.of(
        org.fracnet.core.compare.Budget.STANDARD).size() + ") or thorough (" + org.fracnet.core.tune.SearchSpace.of(
        org.fracnet.core.compare.Budget.THOROUGH).size() + ")");
  }

  @Test
  void tuneQuickSearchesRefitsWritesTheRecordAndEvaluateShowsIt() throws Exception {
    Path data = data();
    Path model = dir.resolve("m.zip");
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--epochs", "20",
        "--threads", "1", "--out", model.toString())).as(cli.err.toString()).isZero();
    assertThat(cli.err.toString()).contains("tuning (quick, 6 settings, 3-fold cross-validation by kl) on 120 rows")
        .contains("run 1 of 18: ").contains("s; the time left follows the next runs)").containsPattern(
            "run 18 of 18: [^\\n]*\\([0-9]+ s\\)").contains("tuning: refitting ");
    String printed = cli.out.toString();
    assertThat(printed).contains("  setting ").contains("base").contains("hidden 256,256").contains("linear")
        .contains("tuned (quick, 3-fold cross-validation on 120 rows").contains("(base settings: ")
        .contains("held-out (24 rows): KL").contains("(24 held-out rows give a rough figure")
        .contains("model written to " + model);
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

    cli.out.getBuffer().setLength(0);
    assertThat(cli.run("evaluate", "--model", model.toString(), "--data", data.toString())).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("tuned (quick, 3-fold cross-validation on 120 rows");
  }

  @Test
  void aTunedEnsembleTrainsTheSelectedSettingsAndPredictsAsOneModel() throws Exception {
    Path data = data();
    Path model = dir.resolve("e.zip");
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--ensemble", "3",
        "--epochs", "20", "--threads", "1", "--out", model.toString())).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("; ensemble of 3 selected: ").contains("trained an ensemble of 3 members");
    Model m = Fracnet.discover().load(model);
    Tuning t = m.tuning().orElseThrow();
    assertThat(m.members()).hasSize(3);
    assertThat(t.members()).hasSize(3).startsWith(t.chosen());
    for (int member = 0; member < 3; member++) {
      Tuning.Trial trial = t.trials().get(t.members().get(member));
      assertThat(trial.architecture()).isEqualTo(t.choice().architecture());
      assertThat(m.members().get(member).seed()).isEqualTo(m.run().seed() + member);
    }
    cli.out.getBuffer().setLength(0);
    assertThat(cli.run("evaluate", "--model", model.toString(), "--data", data.toString())).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("; ensemble of 3 selected: ");
    Path predictions = dir.resolve("p.csv");
    assertThat(cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--out",
        predictions.toString())).as(cli.err.toString()).isZero();
    assertThat(java.nio.file.Files.readAllLines(predictions)).hasSize(121);
  }

  @Test
  void theFlagsOfTuningAreCheckedInTheCommandLinesWords() throws Exception {
    Path data = data();
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--folds", "4")).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--select-by, --candidates and --folds choose how --tune searches");
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--tune", "huge")).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--tune huge is not known; use quick, standard or thorough");
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--select-by", "accuracy"))
        .isEqualTo(2);
    assertThat(cli.err.toString()).contains("--select-by accuracy is not a metric; use one of mse, mae, kl");
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--folds", "1"))
        .isEqualTo(2);
    assertThat(cli.err.toString()).contains("--folds 1 is out of range");
    assertThat(cli.run("train", "--data", data.toString(), "--targets", "y*", "--tune", "quick", "--resume")).isEqualTo(2);
    assertThat(cli.err.toString()).contains("--tune keeps no checkpoint");
  }
}
