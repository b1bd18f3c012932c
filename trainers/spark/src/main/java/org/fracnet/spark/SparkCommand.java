package org.fracnet.spark;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top command of {@link SparkMain}: no work of its own, a subcommand is required. */
@Command(name = "fracnet-spark", mixinStandardHelpOptions = true, version = "fracnet-spark 0.1.0",
    description = {"Train, use and evaluate fracnet models on Apache Spark, with the fracnet command line's flags"
        + " where they apply, reading any table Spark reads.",
        "Run with: spark-submit [SPARK OPTIONS] --class org.fracnet.spark.SparkMain fracnet-spark-VERSION-all.jar"
            + " COMMAND [OPTIONS]; see docs/spark.md."},
    subcommands = {TrainCommand.class, PredictCommand.class, EvaluateCommand.class, HelpCommand.class})
final class SparkCommand {}
