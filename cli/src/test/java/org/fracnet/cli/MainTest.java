package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.compare.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A valid two-row data set with one feature f and classes y1, y2. */
  private Path twoRows() throws Exception {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, "f,y1,y2\n1,0.5,0.5\n2,0.25,0.75\n");
    return file;
  }

  private static String modelJson(Path model) throws Exception {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) {
      return new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes());
    }
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** Trains {@code model} on {@code data} (targets y*) for one epoch without validation, quietly. */
  private int trainQuickly(Path data, Path model, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(),
        "--targets", "y*", "--validation", "0", "--epochs", "1", "--quiet", "--out", model.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void lossesListsTheLossesOnTheClasspath() {
    assertThat(run("losses")).isZero();
    assertThat(out.toString()).contains("cross-entropy").contains("label-smoothing");
  }

  @Test
  void optimizersListsOptimizersArchitecturesAndTrainersWithParameters() throws Exception {
    assertThat(run("optimizers", "--json")).isZero();
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertThat(root.path("optimizers").findValuesAsText("id")).containsExactly("adam", "adamw", "lbfgs", "sgd");
    assertThat(root.path("architectures").findValuesAsText("id")).containsExactly("linear", "mlp");
    assertThat(root.path("trainers").findValuesAsText("id")).containsExactly("java", "nd4j");
    assertThat(root.path("optimizers").get(3).path("parameters").findValuesAsText("name")).contains("momentum", "nesterov");
  }

  @Test
  void inputErrorsArePrintedAsOneLineWithStatusTwo() {
    Path missing = dir.resolve("missing.csv");
    assertThat(run("train", "--data", missing.toString(), "--targets", "y*")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("fracnet: error: " + missing + " does not exist; check the path"
        + System.lineSeparator());
  }

  @Test
  void dataWithoutTargetsAsksForThem() throws Exception {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, "f,y1,y2\n1,0.5,0.5\n");
    assertThat(run("train", "--data", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("needs --targets SPEC");
  }

  @Test
  void unknownLossNamesTheAvailableOnes() throws Exception {
    Path file = twoRows();
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--loss", "hinge",
        "--validation", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("there is no loss 'hinge'; available: ").contains("cross-entropy");
  }

  @Test
  void printedCommandsUseTheNameTheLauncherWasCalledBy() {
    assertThat(TrainCommand.commandName("fracnet")).isEqualTo("fracnet"); // java -jar: no launcher
    System.setProperty("fracnet.command", "./fracnet");
    try {
      assertThat(TrainCommand.commandName("fracnet")).isEqualTo("./fracnet");
    } finally {
      System.clearProperty("fracnet.command");
    }
  }

  @Test
  void aCandidatesMistypedParameterFailsBeforeAnyRun() throws Exception {
    Path file = GeneratedCsv.write(dir.resolve("g.csv"), 60);
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--budget", "quick", "--folds", "2",
        "--candidates", "cross-entropy,weighted-mse{class-weight=inverse-mean}", "--report",
        dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("weighted-mse has no parameter class-weight").doesNotContain("run 1 of")
        .doesNotContain("left out");
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void settingsThatCannotWorkFailBeforeTheDataIsRead() throws Exception {
    Path missing = dir.resolve("not-there.csv"); // never read: the settings fail first
    for (String[] wrong : List.of(new String[] {"--dropout", "1.5"}, new String[] {"--hidden", "128,abc"},
        new String[] {"--optimizer", "adamx"}, new String[] {"--loss", "hinge"},
        new String[] {"--optimizer", "lbfgs", "--dropout", "0.3"}, new String[] {"--trainer-param", "threads=0"})) {
      err.getBuffer().setLength(0);
      List<String> args = new ArrayList<>(List.of("train", "--data", missing.toString(), "--targets", "y*"));
      args.addAll(List.of(wrong));
      assertThat(run(args.toArray(String[]::new))).as(String.join(" ", wrong)).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", wrong)).doesNotContain("not-there.csv")
          .doesNotContain("architecture mlp").doesNotContain("Architecture.");
    }
  }

  @Test
  void evaluateOnTheTrainingFileSaysTheFiguresFlatterTheModel() throws Exception {
    Path data = twoRows();
    Path model = dir.resolve("m.zip");
    assertThat(trainQuickly(data, model)).isZero();
    assertThat(run("evaluate", "--model", model.toString(), "--data", data.toString())).isZero();
    assertThat(err.toString()).contains("note: " + data + " looks like the data the model was trained on (2 rows,"
        + " 2 of them trained on), so these figures flatter it");
    err.getBuffer().setLength(0);
    Path other = Files.writeString(dir.resolve("other.csv"), "f,y1,y2\n3,0.5,0.5\n2,0.25,0.75\n1,1,0\n");
    assertThat(run("evaluate", "--model", model.toString(), "--data", other.toString())).isZero();
    assertThat(err.toString()).doesNotContain("flatter");
    assertThat(EvaluateCommand.sameData("/a/b/d.csv", "d.csv")).isTrue();
    assertThat(EvaluateCommand.sameData("demo-commute.csv (bundled)", "demo-commute.csv (bundled)")).isTrue();
    assertThat(EvaluateCommand.sameData("/a/b/d.csv", "/a/b/e.csv")).isFalse();
  }

  @Test
  void evaluateNamesTheModelsColumnsNotAFlagItDoesNotHave() throws Exception {
    Path model = dir.resolve("m.zip");
    assertThat(trainQuickly(twoRows(), model)).isZero();
    Path other = Files.writeString(dir.resolve("other.csv"), "f,y1,y3\n1,0.5,0.5\n");
    assertThat(run("evaluate", "--model", model.toString(), "--data", other.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("the model " + model + "'s class column 'y2' is not in the header")
        .contains("evaluate needs a file with the columns the model was trained on").doesNotContain("--targets");
  }

  @Test
  void repeatableParametersReachTheirProviders() throws Exception {
    Path file = twoRows();
    Path model = dir.resolve("m.zip");
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--validation", "0", "--epochs", "2",
        "--quiet", "--loss-param", "label-smoothing=0.1", "--optimizer-param", "beta1=0.8",
        "--trainer-param", "threads=1", "--out", model.toString())).as(err.toString()).isZero();
    String json = modelJson(model);
    assertThat(json).contains("\"label-smoothing\" : \"0.1\"").contains("\"beta1\" : \"0.8\"")
        .contains("\"threads\" : \"1\"");
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--validation", "0",
        "--trainer-param", "threads=0", "--out", model.toString(), "--force")).isEqualTo(2);
    assertThat(err.toString()).contains("parameter threads=0 of trainer nd4j is invalid: expected an integer from 1 to");
  }

  @Test
  void weightDecayZeroReachesAdamwAndDoubleSettingsAreRefused() throws Exception {
    Path file = twoRows();
    Path model = dir.resolve("m.zip");
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--validation", "0", "--epochs", "1",
        "--quiet", "--optimizer", "adamw", "--weight-decay", "0", "--out", model.toString())).as(err.toString()).isZero();
    String json = modelJson(model);
    assertThat(json).contains("\"weight-decay\" : \"0.0\"");
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--threads", "1",
        "--trainer-param", "threads=2", "--out", model.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--threads 1 and --trainer-param threads=2 both set threads; give it once");
  }

  @Test
  void evaluateWithoutDataNeedsADemoModel() throws Exception {
    Path file = twoRows();
    Path model = dir.resolve("m.zip");
    assertThat(trainQuickly(file, model)).isZero();
    assertThat(run("evaluate", "--model", model.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(model + " was not trained on the bundled demo data (its classes are y1,y2);"
        + " pass --data FILE with those columns");
  }

  @Test
  void pluginsMustBeADirectory() {
    assertThat(run("losses", "--plugins", dir.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a directory");
  }

  /** {@code rows} rows of 30 noise features and noise targets. */
  private Path noise(int rows) throws java.io.IOException {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    StringBuilder csv = new StringBuilder();
    for (int j = 0; j < 30; j++) {
      csv.append('f').append(j).append(',');
    }
    csv.append("y1,y2,y3\n");
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 30; j++) {
        csv.append(random.nextGaussian()).append(',');
      }
      double a = random.nextDouble();
      double b = random.nextDouble() * (1 - a);
      csv.append(a).append(',').append(b).append(',').append(1 - a - b).append('\n');
    }
    Path file = dir.resolve("noise.csv");
    Files.writeString(file, csv.toString());
    return file;
  }

  @Test
  void aModelNoBetterThanTheMeanOnHeldOutRowsGetsAWarning() throws Exception {
    // a wide MLP trained without early stopping can only memorise noise, so it must predict the
    // held-out rows worse than the training mean
    Path file = noise(40);
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--hidden", "128,128",
        "--lr", "0.01", "--epochs", "100", "--patience", "1000", "--quiet", "--trainer-param", "threads=1",
        "--no-checkpoint", "--out", dir.resolve("m.zip").toString())).as(err.toString()).isZero();
    assertThat(err.toString()).startsWith("fracnet: warning: on the held-out rows the model is no better"
        + " than always predicting the training mean").contains("32 training rows and 30 features")
        .contains("--hidden 8 with --weight-decay 0.1");
  }

  @Test
  void aModelStoppedWhileItsHeldOutLossStillFellIsCalledUnderTrainedNotOverfitted() throws Exception {
    // on noise, weight decay shrinks the random start's weights a little each epoch: the held-out
    // loss falls through all three epochs and is still above the training mean's at the end
    assertThat(run("train", "--data", noise(400).toString(), "--targets", "y*", "--epochs", "3", "--lr", "0.001", "--weight-decay", "0.1",
        "--hidden", "128,128", "--quiet",
        "--trainer-param", "threads=1", "--no-checkpoint", "--out", dir.resolve("m.zip").toString()))
        .as(err.toString()).isZero();
    assertThat(err.toString()).startsWith("fracnet: warning: on the held-out rows the model is no better"
        + " than always predicting the training mean").contains("its held-out loss was still falling at the last"
        + " epoch (3): it may need more training; try --epochs 12").doesNotContain("regularisation");
  }

  @Test
  void usageErrorsAreOneLineWithAPointerToHelpAndExitWithTwo() {
    assertThat(run("train", "--epochs", "many")).isEqualTo(2);
    assertThat(err.toString().lines().toList()).containsExactly(
        "fracnet: error: Invalid value for option '--epochs': 'many' is not a whole number; see 'fracnet train --help'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMistypedOptionGetsASuggestionOnTheSameLine() {
    assertThat(run("train", "--epoch", "5")).isEqualTo(2);
    assertThat(err.toString().lines().toList()).containsExactly("fracnet: error: Unknown options: '--epoch', '5'"
        + " (did you mean --epochs?); see 'fracnet train --help'");
  }

  @Test
  void picocliMessagesLoseTheirJavaNames() {
    assertThat(Main.plainUsageMessage("Invalid value for option '--lr': 'x' is not a double"))
        .isEqualTo("Invalid value for option '--lr': 'x' is not a number");
    assertThat(Main.plainUsageMessage("Invalid value for option '--data': cannot convert 'a' to Path"
        + " (java.nio.file.InvalidPathException: Nul character not allowed: a)"))
        .isEqualTo("Invalid value for option '--data': cannot convert 'a' to a path (Nul character not allowed: a)");
  }

  @Test
  void anExistingModelSurvivesASecondTrainWithoutForce() throws Exception {
    Path file = twoRows();
    Path model = dir.resolve("m.zip");
    Files.writeString(model, "hours of work");
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--validation", "0", "--epochs", "1",
        "--out", model.toString())).isEqualTo(2);
    assertThat(err.toString().lines().toList()).containsExactly("fracnet: error: the model file " + model
        + " exists; --force replaces it");
    assertThat(Files.readString(model)).isEqualTo("hours of work");
    assertThat(trainQuickly(file, model, "--force")).as(err.toString()).isZero();
    assertThat(modelJson(model)).contains("\"format_version\" : 1");
  }

  @Test
  void theInputIsNeverTheOutput() throws Exception {
    Path file = twoRows();
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--out", file.toString(), "--force"))
        .isEqualTo(2);
    assertThat(err.toString()).isEqualTo("fracnet: error: the model file " + file + " is the data file " + file
        + "; an input is never overwritten: name another model file" + System.lineSeparator());
    assertThat(Files.readString(file)).startsWith("f,y1,y2");
  }

  @Test
  void aStaleCheckpointIsReplacedOnlyWithForce() throws Exception {
    Path file = twoRows();
    Path model = dir.resolve("m.zip");
    Files.writeString(dir.resolve("m.zip.checkpoint"), "epoch 3 of an earlier run");
    assertThat(run("train", "--data", file.toString(), "--targets", "y*", "--out", model.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("the checkpoint " + model + ".checkpoint exists, kept by an earlier run that"
        + " did not finish; --resume continues that run, --force starts afresh and replaces it");
    assertThat(trainQuickly(file, model, "--force")).as(err.toString()).isZero();
    assertThat(dir.resolve("m.zip.checkpoint")).doesNotExist();
  }

  @Test
  void predictSkipsARowItCannotReadByWritingItEmptyInItsPlace() throws Exception {
    Path model = dir.resolve("m.zip");
    assertThat(trainQuickly(twoRows(), model)).isZero();
    Path rows = Files.writeString(dir.resolve("new.csv"), "f\n1\nNA\n2\n");
    Path predictions = dir.resolve("p.csv");
    assertThat(run("predict", "--model", model.toString(), "--data", rows.toString(), "--out", predictions.toString(),
        "--on-invalid", "skip")).as(err.toString()).isZero();
    assertThat(Files.readAllLines(predictions)).hasSize(4).element(2).asString().matches("(\"\")?,");
    assertThat(err.toString()).contains(": 1 row of 3 could not be read and has empty predictions (--on-invalid"
        + " skip), in its place; the first: " + rows + " line 3, column f: NA marks a missing value");
    assertThat(run("predict", "--model", model.toString(), "--data", rows.toString(), "--out", predictions.toString(),
        "--force", "--on-invalid", "renormalize")).isEqualTo(2);
    assertThat(err.toString()).contains("--on-invalid renormalize is not known to predict; use error or skip");
  }

  @Test
  void predictionsAndReportsAreNotReplacedWithoutForce() throws Exception {
    Path file = twoRows();
    Path model = dir.resolve("m.zip");
    assertThat(trainQuickly(file, model)).isZero();
    Path predictions = Files.writeString(dir.resolve("p.csv"), "earlier");
    assertThat(run("predict", "--model", model.toString(), "--data", file.toString(), "--out", predictions.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("the predictions file " + predictions + " exists; --force replaces it");
    assertThat(run("predict", "--model", model.toString(), "--data", file.toString(), "--out", model.toString(),
        "--force")).isEqualTo(2);
    assertThat(err.toString()).contains("the predictions file " + model + " is the model file " + model);
    Files.createDirectories(dir.resolve("report"));
    Files.writeString(dir.resolve("report/summary.md"), "earlier");
    assertThat(run("compare", "--report", dir.resolve("report").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("the report file " + dir.resolve("report/summary.md") + " exists; --force replaces it")
        .doesNotContain("comparing");
  }

  @Test
  void aMissingGroupColumnIsNamedAsTheGroupFlag() throws Exception {
    Path file = Files.writeString(dir.resolve("g.csv"), "f,name,y1,y2\n1,a,0.5,0.5\n2,b,0.3,0.7\n");
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--group", "region",
        "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains(": --group column 'region' is not in the header").doesNotContain("--id");
    err.getBuffer().setLength(0);
    // a message about another column keeps its own advice
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--group", "f",
        "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("column name: a is not a number").doesNotContain("--group or");
  }

  @Test
  void compareTakesAnIdColumnBesidesTheGroupAndLeavesItOutOfTheFeatures() throws Exception {
    Path file = Files.writeString(dir.resolve("g.csv"), "name,region,f,y1,y2\nC1,north,1,0.5,0.5\nC2,south,2,0.3,0.7\n"
        + "C3,north,3,0.2,0.8\nC4,south,4,0.6,0.4\n");
    // a mistyped candidate stops compare after the data are read and before any run
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--id", "name", "--group", "region",
        "--candidates", "cross-entropy,mse{x=1}", "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("mse has no parameter x").doesNotContain("is not a number")
        .doesNotContain("name two columns");
    err.getBuffer().setLength(0);
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--id", "nam", "--group", "region",
        "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains(": --id column 'nam' is not in the header").doesNotContain("--features");
    err.getBuffer().setLength(0);
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--features", "!name", "--group", "f",
        "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).as("region, a text column, is read as a feature")
        .contains("column region: north is not a number").contains("add !name for it to --features");
  }

  @Test
  void comparePrintsATrainCommandForTheLossItRecommendsThatRunsAsPrinted() throws Exception {
    StringBuilder csv = new StringBuilder("name,region,f,g,y1,y2\n");
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 48; i++) {
      double f = random.nextDouble();
      double y1 = 0.2 + 0.5 * f + 0.1 * random.nextDouble();
      csv.append("C").append(i).append(',').append(i % 4 == 0 ? "north" : i % 4 == 1 ? "south" : i % 4 == 2 ? "east"
          : "west").append(',').append(f).append(',').append(random.nextDouble()).append(',').append(y1).append(',')
          .append(1 - y1).append('\n');
    }
    Path file = Files.writeString(dir.resolve("groups.csv"), csv);
    assertThat(run("compare", "--data", file.toString(), "--targets", "y*", "--id", "name", "--group", "region",
        "--candidates", "mse,weighted-mse{class-weights=2,1}", "--budget", "quick", "--folds", "2", "--quiet",
        "--report", dir.resolve("r").toString())).isZero();
    String last = out.toString().lines().reduce((a, b) -> b).orElseThrow();
    // the user's --id names the rows; the --group column is left out of the features, as compare left it out
    assertThat(last).startsWith("to train ").contains(" fracnet train --data " + file + " --targets 'y*' --features"
        + " '\"!region\"' --id name --loss ").contains(" --lr ");
    String recommended = last.substring("to train ".length(), last.indexOf(" on this file"));
    List<String> words = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(
        last.substring(last.indexOf(" fracnet train ") + " fracnet ".length()));
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2));
    }
    Path model = dir.resolve("recommended.zip");
    words.addAll(List.of("--epochs", "2", "--quiet", "--out", model.toString()));
    assertThat(run(words.toArray(String[]::new))).as(String.join(" ", words) + "\n" + err).isZero();
    assertThat(modelJson(model)).contains("\"loss\" : \"" + Candidate.parseList(recommended).get(0).loss() + "\"");
    Path predictions = dir.resolve("p.csv");
    assertThat(run("predict", "--model", model.toString(), "--data", file.toString(), "--out", predictions.toString()))
        .isZero();
    assertThat(Files.readAllLines(predictions)).startsWith("name,y1,y2").element(1).asString().startsWith("C0,");
  }

  @Test
  void internalErrorsArePlainWithTheTraceOnlyWithDebug() {
    StringWriter text = new StringWriter();
    assertThat(Main.report(new IllegalStateException("index 3 out of bounds"), new PrintWriter(text), false,
        "training")).isEqualTo(1);
    assertThat(text.toString().lines().toList()).containsExactly("fracnet: internal error: an unexpected problem"
        + " stopped fracnet while training; this is a bug: please report it with the output of the same command"
        + " run with --debug");
    StringWriter traced = new StringWriter();
    Main.report(new IllegalStateException("index 3 out of bounds"), new PrintWriter(traced), true, "training");
    assertThat(traced.toString()).contains("java.lang.IllegalStateException: index 3 out of bounds")
        .contains("\tat org.fracnet.cli.MainTest");
    assertThat(Main.debug(new String[] {"train", "--debug"})).isTrue();
    assertThat(Main.debug(new String[] {"train", "--", "--debug"})).isEqualTo(System.getenv("FRACNET_DEBUG") != null);
  }

  @Test
  void debugIsAnOptionOfEveryCommand() throws Exception {
    Path missing = dir.resolve("missing.csv");
    assertThat(run("train", "--data", missing.toString(), "--targets", "y*", "--debug")).isEqualTo(2);
    assertThat(err.toString()).startsWith("fracnet: error: " + missing + " does not exist; check the path")
        .contains("\tat org.fracnet.");
  }

  @Test
  void runningOutOfMemoryIsOneLineSayingHowToGiveMore() {
    StringWriter text = new StringWriter();
    assertThat(Main.report(new OutOfMemoryError("Java heap space"), new PrintWriter(text), false, "training"))
        .isEqualTo(2);
    assertThat(text.toString().lines().toList()).hasSize(1);
    assertThat(text.toString()).startsWith("fracnet: error: fracnet ran out of memory while training (the Java"
        + " heap is limited to ").contains("MiB); give it more, e.g. FRACNET_JAVA_OPTS=-Xmx")
        .doesNotContain("OutOfMemoryError");
    assertThat(Main.outOfMemory("reading data.csv", 4096L << 20)).isEqualTo("fracnet: error: fracnet ran out of"
        + " memory while reading data.csv (the Java heap is limited to 4096 MiB); give it more, e.g."
        + " FRACNET_JAVA_OPTS=-Xmx8g ./fracnet ..., or java -Xmx8g -jar fracnet-cli-all.jar ...");
    assertThat(Main.outOfMemory("training", 256L << 20)).contains("-Xmx2g");
  }
}
