package org.fracnet.spark;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the rows come from ({@code --data PATH} or {@code --table NAME}, {@code --format}) and the
 * Spark session that reads them ({@code --master}): the options of every spark-submit command.
 */
final class InputOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not started by spark-submit, e.g. local[2] (default: spark-submit's).")
  String master;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** {@code --data} or {@code --table}: exactly one. */
  static final class Source {
    @Option(names = "--data", paramLabel = "PATH", required = true,
        description = "Rows to read: a path Spark reads (hdfs:///..., s3a://..., a local file), its format from the name.")
    String data;

    @Option(names = "--table", paramLabel = "NAME", required = true, description = "Rows to read: a table of the session's catalog.")
    String table;
  }

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Format of --data: parquet, csv (with a header), orc, json or any Spark source."
          + " Default: from the name (.csv or .csv.gz, .orc, .json; else parquet).")
  String format;

  /** The rows' name in messages: the path or the table. */
  String name() {
    return source.table != null ? source.table : source.data;
  }

  /** The session, started (or found, under spark-submit) for {@code command}. */
  SparkSession session(String command) {
    SparkSession.Builder builder = SparkSession.builder().appName("fracnet " + command);
    if (master != null) {
      builder.master(master);
    }
    return builder.getOrCreate();
  }

  /** fracnet on {@code spark}, naming the rows as {@link #name()} and printing its notes on {@code err}. */
  SparkFracnet fracnet(SparkSession spark, PrintWriter err) {
    return SparkFracnet.of(spark).named(name()).warnings(m -> err.println("fracnet-spark: note: " + m));
  }

  /** The rows: the table, or the path in its format. */
  Dataset<Row> read(SparkSession spark) {
    if (source.table != null) {
      return spark.table(source.table);
    }
    String path = source.data;
    String kind = format;
    if (kind == null) {
      String name = path.toLowerCase(Locale.ROOT);
      kind = name.endsWith(".csv") || name.endsWith(".csv.gz") ? "csv" : name.endsWith(".orc") ? "orc"
          : name.endsWith(".json") ? "json" : "parquet";
    }
    return kind.equals("csv") ? spark.read().option("header", "true").csv(path) : spark.read().format(kind).load(path);
  }
}
