package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.fracnet.core.DataException;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.compare.CompareConfig;
import org.fracnet.core.compare.ComparisonResult;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.internal.PlainNumbers;
import org.fracnet.core.io.OutputFiles;
import org.fracnet.core.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fracnet compare}: maps its flags onto {@link CompareConfig}, calls
 * {@link Fracnet#compare}, writes the report and prints the verdict.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Which loss is best for my data, is the difference real, and are the small classes predicted?",
        "Cross-validates every candidate loss on the same folds, each with its own search of learning rate and weight"
            + " decay on inner validation rows, and writes results.json, summary.md and index.html.",
        "Without --data, compares on the bundled demo data (commute modes of 2000 groups, as counts)."})
final class CompareCommand implements Callable<Integer> {
  private final Fracnet fracnet;

  @Mixin
  DataFileOption file;

  @Mixin
  ColumnOptions columns;

  @Mixin
  TargetOptions reading;

  @Option(names = "--candidates", paramLabel = "LIST",
      description = "Losses to compare: loss or loss{key=value,...}, comma-separated, e.g."
          + " 'cross-entropy,weighted-mse{class-weights=inverse-mean},my-loss{gamma=2}'; a list value as it is:"
          + " 'weighted-mse{class-weights=1,1,2}'. Default: cross-entropy,"
          + " class-weighted cross-entropy with and without de-biasing, label smoothing, mse, weighted mse"
          + " (inverse-mean, inverse-sqrt-mean) and dirichlet (each zero policy when the targets have zeros).")
  String candidates;

  @Option(names = "--folds", paramLabel = "K", description = "Folds of the cross-validation. Default: " + CompareConfig.DEFAULT_FOLDS + ".")
  Integer folds;

  @Option(names = "--repeats", paramLabel = "N", description = "Repeat the k-fold split with other seeds. Default: " + CompareConfig.DEFAULT_REPEATS + ".")
  Integer repeats;

  @Option(names = "--group", paramLabel = "COL", description = "Keep the rows of one group (equal values in COL) in one fold.")
  String group;

  @Mixin
  NetworkOptions network;

  @Option(names = "--budget", paramLabel = "SIZE",
      description = "Each candidate's search per fold: quick (2 settings), standard (4, the default) or thorough (12).")
  String budget;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the splits and runs. Default: " + TrainingConfig.DEFAULT_SEED + ".")
  Long seed;

  @Option(names = "--trainer", paramLabel = "ID", description = "Trainer id: nd4j or java. Default: nd4j when installed, else java.")
  String trainer;

  @Option(names = "--report", paramLabel = "DIR", description = "Folder for results.json, summary.md and index.html. Default: fracnet-report.")
  Path report;

  @Mixin
  ForceOption force;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Spec
  CommandSpec spec;

  private final Activity activity;

  @Inject
  CompareCommand(Fracnet fracnet, Activity activity) {
    this.fracnet = fracnet;
    this.activity = activity;
  }

  /** How the library's messages about the id column, which --group sets, name it. */
  private static final String ID_COLUMN = "DatasetSpec.idColumn column '";

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    String givenId = columns.id; // as the user gave them, for the train command printed at the end
    String givenFeatures = columns.features;
    if (group != null && columns.id != null && !group.equals(columns.id)) {
      if (file.data != null && !CsvDatasetReader.header(file.data).contains(columns.id)) {
        throw new SettingsException(file.data + ": --id column '" + columns.id + "' is not in the header; compare"
            + " leaves it out of the features beside the --group column");
      }
      // compare carries one label column, the group's; the id column is left out of the features
      columns.features = leftOut(columns.features, columns.id);
    }
    if (group != null) {
      if (file.data == null) {
        throw new SettingsException("--group needs --data FILE; the bundled demo data has one row per group");
      }
      columns.id = group;
    }
    Path dir = report != null ? report : Path.of("fracnet-report");
    OutputFiles outputs = OutputFiles.of(force.overwrite()).input("data file", file.data);
    for (String name : ComparisonResult.REPORT_FILES) {
      outputs.output("report file", dir.resolve(name));
    }
    outputs.check();
    activity.now("reading " + file.describe());
    Dataset data;
    try {
      data = columns.read(file, reading, stderr);
    } catch (SettingsException | DataException e) {
      if (group == null || !e.getMessage().contains(ID_COLUMN)) {
        throw e;
      }
      // --group is read as the id column: a message about that column names the flag the user gave, not
      // --id (other messages, such as a text feature's hint to give it as the id, are left alone)
      String message = e.getMessage().replace(ID_COLUMN, "--group column '");
      throw e instanceof SettingsException ? new SettingsException(message) : new DataException(message);
    }
    TrainingConfig.Builder training = TrainingConfig.builder().architecture(network.architecture());
    if (trainer != null) {
      training.trainer(trainer);
    }
    CompareConfig.Builder b = CompareConfig.builder().training(training.build()).groupByIds(group != null);
    if (candidates != null) {
      b.candidates(Candidate.parseList(candidates));
    }
    if (folds != null) {
      b.folds(folds);
    }
    if (repeats != null) {
      b.repeats(repeats);
    }
    if (budget != null) {
      b.budget(Budget.of(budget));
    }
    if (seed != null) {
      b.seed(seed);
    }
    CompareConfig config = b.build();
    if (!quiet) {
      stderr.println("comparing losses on " + data.rows() + " rows of " + file.describe() + " (" + data.featureCount()
          + " features, " + data.classCount() + " classes)");
    }
    activity.now("comparing losses");
    ComparisonResult result = fracnet.compare(data, config, new SearchProgress(stderr, System.console() != null, quiet, "comparing"));
    activity.finishing("writing the report to " + dir);
    result.write(dir);
    for (String sentence : result.verdict()) {
      stdout.println("- " + sentence);
    }
    stdout.println("report written to " + dir.resolve("index.html") + " (and summary.md, results.json)");
    String chosen = result.recommended();
    stdout.println("to train " + chosen + " on this file, with the learning rate and weight decay its searches chose"
        + " most often" + (result.beatsMeanPredictor(chosen) ? "" : " (it is not shown to predict better than"
            + " ignoring the features, see above)") + ": " + trainCommand(result.trainingConfig(chosen), givenId,
            givenFeatures));
    return 0;
  }

  /** {@code features} (null: every column) with {@code column} left out, quoted as a CSV field. */
  private static String leftOut(String features, String column) {
    String item = "\"!" + column.replace("\"", "\"\"") + "\"";
    return features == null ? item : features + "," + item;
  }

  /**
   * The {@code fracnet train} command for {@code config} ({@link ComparisonResult#trainingConfig})
   * on the data as this command read it: the data flags as given ({@code --id} and
   * {@code --features}; a {@code --group} column becomes a {@code !} item of {@code --features},
   * left out as compare left it out), the candidate's loss, learning rate and weight decay, and this
   * command's network, trainer and seed flags.
   */
  private String trainCommand(TrainingConfig config, String givenId, String givenFeatures) {
    List<String> args = new ArrayList<>(List.of("train"));
    BiConsumer<String, Object> flag = (name, value) -> {
      if (value != null) {
        args.add(name);
        args.add(String.valueOf(value));
      }
    };
    String features = group != null && !group.equals(givenId) ? leftOut(givenFeatures, group) : givenFeatures;
    flag.accept("--data", file.data);
    flag.accept("--targets", columns.targets);
    flag.accept("--features", features);
    flag.accept("--id", givenId);
    flag.accept("--targets-are", reading.targetsAre);
    flag.accept("--weight", reading.weight);
    flag.accept("--on-invalid", reading.onInvalid);
    flag.accept("--loss", config.loss());
    config.lossParameters().asMap().forEach((k, v) -> flag.accept("--loss-param", k + "=" + v));
    flag.accept("--lr", PlainNumbers.plain(config.learningRate()));
    String weightDecay = config.optimizer().parameters().asMap().get("weight-decay");
    flag.accept("--weight-decay", weightDecay == null ? null : PlainNumbers.plain(Double.parseDouble(weightDecay)));
    flag.accept("--arch", network.arch);
    flag.accept("--hidden", network.hidden);
    flag.accept("--activation", network.activation);
    flag.accept("--dropout", network.dropout);
    flag.accept("--trainer", trainer);
    flag.accept("--seed", seed);
    return TrainCommand.shellCommand(spec.root().name(), args);
  }
}
