package org.fracnet.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.fracnet.core.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict} on Spark: {@link SparkFracnet#score} of every row, written as Parquet or CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict class fractions for every row of a table Spark reads, bit for bit as fracnet predict.",
        "Writes every column of the rows, then one column of predicted fractions per class."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "MODEL", description = "Model file, on the driver. Default: " + Model.DEFAULT_FILE + ".")
  Path model;

  @Mixin
  InputOptions input;

  @Option(names = "--out", paramLabel = "PATH", required = true,
      description = "Where Spark writes the predictions: Parquet, or CSV with a header when the name ends in .csv or --format is csv.")
  String out;

  @Option(names = "--prefix", paramLabel = "TEXT", description = "Prefix of the predicted columns' names (default: none, the class names).")
  String prefix = "";

  @Option(names = "--force", description = "Replace the predictions if --out exists (without it, Spark refuses).")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SparkSession spark = input.session("predict");
    SparkFracnet fracnet = input.fracnet(spark, spec.commandLine().getErr());
    Dataset<Row> rows = input.read(spark);
    Model loaded = fracnet.fracnet().load(model != null ? model : Path.of(Model.DEFAULT_FILE));
    Dataset<Row> scored = fracnet.score(loaded, rows, prefix);
    boolean csv = out.toLowerCase(Locale.ROOT).endsWith(".csv") || "csv".equals(input.format);
    SaveMode mode = force ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
    SparkFracnet.jobs(() -> {
      if (csv) {
        scored.write().mode(mode).option("header", "true").csv(out);
      } else {
        scored.write().mode(mode).parquet(out);
      }
      return null;
    });
    spec.commandLine().getOut().println("wrote predictions of " + loaded.classNames().size() + " classes to " + out);
    return 0;
  }
}
