package org.fracnet.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.model.Evaluation;
import org.fracnet.core.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate} on Spark: {@link SparkFracnet#evaluate} on labelled rows, printed as a table or JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Evaluate a model on labelled rows of a table Spark reads: metrics overall and per class, weighted by"
        + " row weights, next to the mean predictor's.")
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "MODEL", description = "Model file, on the driver. Default: " + Model.DEFAULT_FILE + ".")
  Path model;

  @Mixin
  InputOptions input;

  @Mixin
  TargetColumnOptions columns;

  @Option(names = "--json", description = "Print JSON, as fracnet evaluate --json: {overall, per_class, rows, mean_predictor}.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    DatasetSpec rows = columns.spec();
    SparkSession spark = input.session("evaluate");
    SparkFracnet fracnet = input.fracnet(spark, spec.commandLine().getErr());
    Model loaded = fracnet.fracnet().load(model != null ? model : Path.of(Model.DEFAULT_FILE));
    Evaluation evaluation = fracnet.evaluate(loaded, input.read(spark), rows);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(evaluation.toJson());
    } else {
      out.println(evaluation);
    }
    return 0;
  }
}
