package org.fracnet.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.fracnet.core.FracnetException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.internal.CommandLineFlags;
import org.fracnet.core.internal.EnumIds;
import org.fracnet.core.io.OutputFiles;
import org.fracnet.core.io.Overwrite;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.LearningRateSchedule;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;

/**
 * The entry point for {@code spark-submit}: {@code train}, {@code predict} and {@code evaluate}
 * with the {@code fracnet} command line's flags where they apply, reading any table Spark reads.
 *
 * <pre>
 * spark-submit --class org.fracnet.spark.SparkMain fracnet-spark-VERSION-all.jar train \
 *     --data hdfs:///groups.parquet --targets 'y*' --targets-are counts --out model.zip
 * spark-submit ... predict --model model.zip --data hdfs:///new.parquet --out hdfs:///scored.parquet
 * spark-submit ... evaluate --model model.zip --data hdfs:///test.parquet --targets 'y*'
 * </pre>
 *
 * <p>{@code --data} is a path (its format from the name: {@code .parquet}, {@code .csv} or
 * {@code .csv.gz} with a header, {@code .orc}, {@code .json}; or {@code --format}) or a table
 * ({@code --table NAME}). The model file is a local path on the driver. {@code --master} sets the
 * master when not started by spark-submit (e.g. {@code local[2]}). Errors are one line,
 * {@code fracnet-spark: error: ...}, exit status 2, the library's names of settings translated
 * into these flags.
 */
public final class SparkMain {
  private static final Set<String> SWITCHES = Set.of("--force", "--json");
  private static final Set<String> REPEATED = Set.of("--loss-param", "--optimizer-param", "--trainer-param");

  private SparkMain() {}

  /** Runs one command; exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !List.of("train", "predict", "evaluate").contains(args[0])) {
      err.println("usage: SparkMain train|predict|evaluate [flags]; see docs/spark.md");
      return 2;
    }
    try {
      Map<String, List<String>> flags = parse(args);
      SparkSession.Builder builder = SparkSession.builder().appName("fracnet " + args[0]);
      if (flags.containsKey("--master")) {
        builder.master(one(flags, "--master"));
      }
      SparkSession spark = builder.getOrCreate();
      String data = flags.containsKey("--table") ? one(flags, "--table") : required(flags, "--data");
      SparkFracnet fracnet = SparkFracnet.of(spark).named(data).warnings(m -> err.println("fracnet-spark: note: " + m));
      Dataset<Row> rows = read(spark, flags);
      switch (args[0]) {
        case "train" -> train(fracnet, rows, flags, out);
        case "predict" -> predict(fracnet, rows, flags, out);
        default -> evaluate(fracnet, rows, flags, out);
      }
      return 0;
    } catch (FracnetException e) {
      err.println("fracnet-spark: error: " + translate(e.getMessage()));
      return 2;
    }
  }

  /** A library message in this command line's flags. */
  static String translate(String message) {
    return CommandLineFlags.translate(message).replace("score(model, data, \"predicted_\")", "--prefix predicted_")
        .replace("trainer spark", "--trainer-param");
  }

  private static Map<String, List<String>> parse(String[] args) {
    Map<String, List<String>> flags = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (!flag.startsWith("--")) {
        throw new SettingsException("'" + flag + "' is not a flag; flags start with --, e.g. --data FILE");
      }
      String value;
      if (SWITCHES.contains(flag)) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new SettingsException(flag + " needs a value");
      }
      List<String> values = flags.computeIfAbsent(flag, f -> new ArrayList<>());
      if (!values.isEmpty() && !REPEATED.contains(flag)) {
        throw new SettingsException(flag + " is given twice");
      }
      values.add(value);
    }
    return flags;
  }

  private static String one(Map<String, List<String>> flags, String flag) {
    List<String> v = flags.get(flag);
    return v == null ? null : v.get(0);
  }

  private static String required(Map<String, List<String>> flags, String flag) {
    String v = one(flags, flag);
    if (v == null) {
      throw new SettingsException(flag + " is required");
    }
    return v;
  }

  private static Dataset<Row> read(SparkSession spark, Map<String, List<String>> flags) {
    if (flags.containsKey("--table")) {
      return spark.table(one(flags, "--table"));
    }
    String path = required(flags, "--data");
    String format = one(flags, "--format");
    if (format == null) {
      String name = path.toLowerCase(Locale.ROOT);
      format = name.endsWith(".csv") || name.endsWith(".csv.gz") ? "csv" : name.endsWith(".orc") ? "orc"
          : name.endsWith(".json") ? "json" : "parquet";
    }
    return format.equals("csv") ? spark.read().option("header", "true").csv(path) : spark.read().format(format).load(path);
  }

  private static DatasetSpec spec(Map<String, List<String>> flags) {
    String kind = one(flags, "--targets-are");
    String invalid = one(flags, "--on-invalid");
    return new DatasetSpec(required(flags, "--targets"),
        kind == null ? TargetKind.FRACTIONS : choice(TargetKind.class, TargetKind::id, kind, "--targets-are"),
        one(flags, "--weight"), one(flags, "--features"), one(flags, "--id"),
        invalid == null ? InvalidRows.ERROR : choice(InvalidRows.class, InvalidRows::id, invalid, "--on-invalid"));
  }

  private static <E extends Enum<E>> E choice(Class<E> type, java.util.function.Function<E, String> id, String value,
      String flag) {
    E e = EnumIds.byId(type, id, value);
    if (e == null) {
      throw new SettingsException(flag + " '" + value + "' is not one of "
          + java.util.Arrays.stream(type.getEnumConstants()).map(id).toList());
    }
    return e;
  }

  private static void train(SparkFracnet fracnet, Dataset<Row> rows, Map<String, List<String>> flags, PrintStream out) {
    Path model = Path.of(flags.containsKey("--out") ? one(flags, "--out") : Model.DEFAULT_FILE);
    OutputFiles.of(flags.containsKey("--force") ? Overwrite.REPLACE : Overwrite.REFUSE).output("model file", model).check();
    TrainingConfig.Builder b = TrainingConfig.builder();
    if (flags.containsKey("--loss")) {
      b.loss(one(flags, "--loss"), pairs(flags, "--loss-param", "loss"));
    }
    Parameters arch = Parameters.empty();
    if (flags.containsKey("--hidden")) {
      arch = arch.with("hidden", one(flags, "--hidden"));
    }
    if (flags.containsKey("--activation")) {
      arch = arch.with("activation", one(flags, "--activation"));
    }
    b.architecture(new Architecture(flags.containsKey("--arch") ? one(flags, "--arch") : Architecture.mlp().id(), arch));
    Map<String, String> optimizer = pairs(flags, "--optimizer-param", "optimizer");
    if (flags.containsKey("--weight-decay")) {
      optimizer.put("weight-decay", one(flags, "--weight-decay"));
    }
    b.optimizer(OptimizerSettings.of(flags.containsKey("--optimizer") ? one(flags, "--optimizer")
        : OptimizerSettings.adam().id(), optimizer));
    if (flags.containsKey("--trainer-param")) {
      b.trainer(SparkTrainer.ID, pairs(flags, "--trainer-param", "trainer"));
    }
    if (flags.containsKey("--lr-schedule")) {
      b.schedule(LearningRateSchedule.of(one(flags, "--lr-schedule"),
          flags.containsKey("--lr-step-epochs") ? Integer.parseInt(one(flags, "--lr-step-epochs"))
              : LearningRateSchedule.DEFAULT_STEP_EPOCHS,
          flags.containsKey("--lr-gamma") ? Double.parseDouble(one(flags, "--lr-gamma")) : LearningRateSchedule.DEFAULT_GAMMA));
    }
    integer(flags, "--epochs", b::epochs);
    integer(flags, "--batch-size", b::batchSize);
    integer(flags, "--patience", b::patience);
    number(flags, "--lr", b::learningRate);
    number(flags, "--validation", b::validationFraction);
    if (flags.containsKey("--seed")) {
      b.seed(Long.parseLong(one(flags, "--seed")));
    }
    FitResult fit = fracnet.train(rows, spec(flags), b.build());
    fit.model().save(model);
    out.println("trained " + fit.model() + ": " + fit.model().summary().stopReason() + " after "
        + fit.model().summary().epochs() + " epochs; wrote " + model);
    if (fit.heldOut() != null) {
      out.println(fit.heldOut());
    }
  }

  private static void predict(SparkFracnet fracnet, Dataset<Row> rows, Map<String, List<String>> flags,
      PrintStream out) {
    Model model = fracnet.fracnet().load(Path.of(flags.containsKey("--model") ? one(flags, "--model") : Model.DEFAULT_FILE));
    String target = required(flags, "--out");
    Dataset<Row> scored = fracnet.score(model, rows, flags.containsKey("--prefix") ? one(flags, "--prefix") : "");
    String format = one(flags, "--format");
    boolean csv = target.toLowerCase(Locale.ROOT).endsWith(".csv") || "csv".equals(format);
    SaveMode mode = flags.containsKey("--force") ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
    SparkFracnet.jobs(() -> {
      if (csv) {
        scored.write().mode(mode).option("header", "true").csv(target);
      } else {
        scored.write().mode(mode).parquet(target);
      }
      return null;
    });
    out.println("wrote predictions of " + model.classNames().size() + " classes to " + target);
  }

  private static void evaluate(SparkFracnet fracnet, Dataset<Row> rows, Map<String, List<String>> flags,
      PrintStream out) {
    Model model = fracnet.fracnet().load(Path.of(flags.containsKey("--model") ? one(flags, "--model") : Model.DEFAULT_FILE));
    Evaluation evaluation = fracnet.evaluate(model, rows, spec(flags));
    out.println(evaluation);
  }

  private static Map<String, String> pairs(Map<String, List<String>> flags, String flag, String owner) {
    return new LinkedHashMap<>(Parameters.parse(owner, flags.getOrDefault(flag, List.of())).asMap());
  }

  private static void integer(Map<String, List<String>> flags, String flag, java.util.function.IntConsumer set) {
    parsed(flags, flag, Integer::valueOf, set::accept, "a whole number");
  }

  private static void number(Map<String, List<String>> flags, String flag, java.util.function.DoubleConsumer set) {
    parsed(flags, flag, Double::valueOf, set::accept, "a number");
  }

  private static <T> void parsed(Map<String, List<String>> flags, String flag, java.util.function.Function<String, T> parse,
      java.util.function.Consumer<T> set, String what) {
    if (flags.containsKey(flag)) {
      try {
        set.accept(parse.apply(one(flags, flag)));
      } catch (NumberFormatException e) {
        throw new SettingsException(flag + " '" + one(flags, flag) + "' is not " + what);
      }
    }
  }
}
