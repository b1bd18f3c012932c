package org.fracnet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The spark-submit command line without Spark: every case here fails or finishes while parsing
 * (or before the session starts), so no session is ever built.
 */
class SparkMainTest {
  @TempDir
  Path dir;

  /** Status, standard output and standard error of {@link SparkMain#run}. */
  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The {@code train} command as picocli fills it from {@code args}, not run. */
  static TrainCommand parseTrain(String... args) {
    CommandLine cli = new CommandLine(new SparkCommand());
    String[] all = new String[args.length + 1];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    return (TrainCommand) cli.parseArgs(all).subcommand().commandSpec().userObject();
  }

  static void assertOneErrorLine(Result r, String... contains) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("fracnet-spark: error: ").endsWith(System.lineSeparator()).contains(contains);
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void anUnknownFlagIsOneErrorLineWithStatus2NamingItAndTheLikelyFlag() {
    Result r = run("train", "--data", "x.parquet", "--targets", "y*", "--epoch", "3");
    assertOneErrorLine(r, "Unknown options: '--epoch', '3'", "did you mean", "--epochs", "see 'fracnet-spark train --help'");
  }

  @Test
  void aFlagOfAnotherCommandIsUnknown() {
    assertOneErrorLine(run("predict", "--data", "x.parquet", "--out", "p.parquet", "--targets", "y*"),
        "Unknown options: '--targets', 'y*'");
  }

  @Test
  void noCommandOrAnUnknownOneIsOneErrorLine() {
    assertOneErrorLine(run(), "subcommand", "see 'fracnet-spark --help'");
    assertOneErrorLine(run("fit", "--data", "x.parquet"), "'fit'");
  }

  @Test
  void aMissingRequiredOptionIsNamed() {
    assertOneErrorLine(run("train", "--data", "x.parquet"), "Missing required option: '--targets=SPEC'");
    assertOneErrorLine(run("predict", "--data", "x.parquet"), "Missing required option: '--out=PATH'");
    assertOneErrorLine(run("evaluate", "--targets", "y*"), "--data=PATH", "--table=NAME");
  }

  @Test
  void dataAndTableExcludeEachOther() {
    assertOneErrorLine(run("evaluate", "--data", "x.parquet", "--table", "t", "--targets", "y*"),
        "error: --data=PATH, --table=NAME are mutually exclusive");
  }

  @Test
  void aValueThatIsNotANumberIsNamedWithItsFlagInPlainWords() {
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--epochs", "ten"),
        "'--epochs'", "'ten' is not a whole number");
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--lr", "fast"),
        "'--lr'", "'fast' is not a number");
  }

  @Test
  void aSwitchGivenTwiceAndAValueGivenTwiceAreErrors() {
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--epochs", "3", "--epochs", "4"),
        "--epochs", "should be specified only once");
  }

  @Test
  void aLibraryErrorBeforeSparkStartsIsTranslatedIntoFlags() {
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--targets-are", "shares"),
        "--targets-are 'shares' is not one of [fractions, counts]");
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--epochs", "0"), "--epochs 0");
  }

  @Test
  void trainRefusesAnExistingModelFileBeforeSparkStarts() throws Exception {
    Path model = Files.writeString(dir.resolve("m.zip"), "old");
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--out", model.toString()),
        model.toString(), "--force");
  }

  @Test
  void trainRefusesAnEarlierRunsCheckpointAndContradictoryCheckpointFlagsBeforeSparkStarts() throws Exception {
    Path model = dir.resolve("m.zip");
    Path checkpoint = Files.writeString(dir.resolve("m.zip.checkpoint"), "an earlier run's");
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--out", model.toString()),
        checkpoint.toString(), "--resume");
    assertOneErrorLine(run("train", "--data", "x.parquet", "--targets", "y*", "--no-checkpoint", "--resume"),
        "--no-checkpoint cannot be combined with --resume or --checkpoint");
  }

  @Test
  void helpListsTheCommandsAndHowToRunThem() {
    Result r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("Usage: fracnet-spark", "train", "predict", "evaluate",
        "--class org.fracnet.spark.SparkMain");
  }

  @Test
  void trainHelpQuotesTheLibrarysDefaults() {
    Result r = run("train", "--help");
    assertThat(r.status()).isZero();
    // picocli wraps the descriptions at 80 columns
    assertThat(r.out().replaceAll("\\s+", " ")).contains("--epochs=N", "Default: " + TrainingConfig.DEFAULT_EPOCHS + ", or "
            + TrainingConfig.DEFAULT_FULL_BATCH_EPOCHS, "Default: " + TrainingConfig.DEFAULT_BATCH_SIZE + ".",
        "Default: " + TrainingConfig.DEFAULT_LEARNING_RATE + ".", "Default: " + TrainingConfig.DEFAULT_LOSS + ".",
        "Default: " + TrainingConfig.DEFAULT_PATIENCE + ".", "Default: " + TrainingConfig.DEFAULT_SEED + ".",
        "Default: " + LearningRateSchedule.DEFAULT_STEP_EPOCHS + ".", "--out=MODEL",
        "--optimizer-param=K=V", "--trainer-param=K=V", "--master=URL", "--table=NAME", "--force",
        "--checkpoint=FILE", "--no-checkpoint", "--resume");
    assertThat(run("help", "evaluate").out()).contains("--json", "--targets-are=KIND", "--model=MODEL");
    assertThat(run("predict", "--help").out()).contains("--prefix=TEXT", "--format=FORMAT");
  }

  @Test
  void repeatedParametersAreAllKeptInOrder() {
    TrainCommand train = parseTrain("--data", "x.parquet", "--targets", "y*", "--optimizer", "sgd",
        "--optimizer-param", "momentum=0.9", "--optimizer-param", "nesterov=true", "--weight-decay", "0.001",
        "--trainer-param", "sync=average", "--trainer-param", "depth=3", "--loss-param", "eps=1e-6");
    TrainingConfig config = train.config();
    assertThat(config.optimizer().id()).isEqualTo("sgd");
    assertThat(config.optimizer().parameters().asMap())
        .containsExactly(java.util.Map.entry("momentum", "0.9"), java.util.Map.entry("nesterov", "true"),
            java.util.Map.entry("weight-decay", "0.001"));
    assertThat(config.trainer()).isEqualTo(SparkTrainer.ID);
    assertThat(config.trainerParameters().asMap()).containsOnlyKeys("sync", "depth");
    assertThat(config.loss()).isEqualTo(TrainingConfig.DEFAULT_LOSS);
  }

  @Test
  void onlyTheFlagsGivenLeaveTheLibrarysDefaults() {
    TrainingConfig config = parseTrain("--data", "x.parquet", "--targets", "y*").config();
    TrainingConfig defaults = TrainingConfig.defaults();
    assertThat(config.epochs()).isEqualTo(defaults.epochs());
    assertThat(config.batchSize()).isEqualTo(defaults.batchSize());
    assertThat(config.learningRate()).isEqualTo(defaults.learningRate());
    assertThat(config.seed()).isEqualTo(defaults.seed());
    assertThat(config.trainer()).isNull();
    TrainingConfig given = parseTrain("--data", "x.parquet", "--targets", "y*", "--epochs", "7", "--batch-size", "32",
        "--lr", "0.01", "--seed", "3", "--validation", "0.1", "--patience", "4", "--lr-schedule", "step",
        "--lr-gamma", "0.5", "--arch", "linear").config();
    assertThat(given.epochs()).isEqualTo(7);
    assertThat(given.batchSize()).isEqualTo(32);
    assertThat(given.learningRate()).isEqualTo(0.01);
    assertThat(given.seed()).isEqualTo(3);
    assertThat(given.patience()).isEqualTo(4);
    assertThat(given.schedule().id()).isEqualTo("step");
    assertThat(given.architecture().id()).isEqualTo("linear");
  }

  @Test
  void theColumnFlagsMakeTheSpec() {
    TrainCommand train = parseTrain("--table", "groups", "--targets", "a,b", "--targets-are", "counts",
        "--weight", "w", "--features", "x*", "--id", "g", "--on-invalid", "skip");
    assertThat(train.input.name()).isEqualTo("groups");
    assertThat(train.columns.spec()).isEqualTo(new DatasetSpec("a,b", TargetKind.COUNTS, "w", "x*", "g", InvalidRows.SKIP));
  }
}
