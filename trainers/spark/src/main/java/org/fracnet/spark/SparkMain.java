package org.fracnet.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.regex.Pattern;
import org.fracnet.core.FracnetException;
import org.fracnet.core.internal.CommandLineFlags;
import picocli.CommandLine;

/**
 * The entry point for {@code spark-submit}: {@code train}, {@code predict} and {@code evaluate}
 * with the {@code fracnet} command line's flags where they apply, reading any table Spark reads.
 * The commands are picocli's ({@link SparkCommand}, {@link TrainCommand}, {@link PredictCommand},
 * {@link EvaluateCommand}); {@code --help} on any of them lists its flags and their defaults.
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
 * {@code fracnet-spark: error: ...}, exit status 2: a flag picocli cannot parse (named, with
 * picocli's suggestion for a typo), or the library's message with its names of settings
 * translated into these flags. Spark starts only once the flags are parsed.
 */
public final class SparkMain {
  private SparkMain() {}

  /** Runs one command; exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs one command, printing to {@code out} and {@code err}; returns the exit status: 0, or 2
   * for a usage or input error. An unexpected exception (a bug, or Spark's own failure) is thrown.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter errors = writer(err);
    RuntimeException[] unexpected = new RuntimeException[1];
    CommandLine cli = new CommandLine(new SparkCommand());
    cli.setOut(writer(out));
    cli.setErr(errors);
    cli.setParameterExceptionHandler((e, arguments) -> usageError(e, errors));
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof FracnetException known) {
        errors.println("fracnet-spark: error: " + translate(known.getMessage()));
        return CommandLine.ExitCode.USAGE;
      }
      unexpected[0] = e instanceof RuntimeException r ? r : new IllegalStateException(e);
      return CommandLine.ExitCode.SOFTWARE;
    });
    int status = cli.execute(args);
    if (unexpected[0] != null) {
      throw unexpected[0];
    }
    return status;
  }

  /** A library message in this command line's flags. */
  static String translate(String message) {
    return CommandLineFlags.translate(message).replace("score(model, data, \"predicted_\")", "--prefix predicted_")
        .replace("trainer spark", "--trainer-param");
  }

  /**
   * An option-parsing error on one line, as the {@code fracnet} CLI prints it: picocli's message in
   * plain words, its suggestion for a mistyped name, where the options are listed; returns 2.
   */
  static int usageError(CommandLine.ParameterException e, PrintWriter err) {
    StringBuilder line = new StringBuilder("fracnet-spark: error: ").append(plain(e.getMessage()));
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
    }
    err.println(line.append("; see '").append(e.getCommandLine().getCommandSpec().qualifiedName()).append(" --help'"));
    return CommandLine.ExitCode.USAGE;
  }

  /** A Java class name and its colon, as picocli quotes a conversion's exception (plain() drops them). */
  private static final Pattern JAVA_NAME = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ?");

  private static String plain(String message) {
    return JAVA_NAME.matcher(String.valueOf(message).replaceFirst("^Error: ", "")).replaceAll("")
        .replaceAll("' is not an? (int|long)\\b", "' is not a whole number")
        .replaceAll("' is not an? (double|float)\\b", "' is not a number").replace(" to Path ", " to a path ");
  }

  /** {@code stream} as picocli's writer, flushed at every line; its encoding stays the stream's. */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        stream.print(new String(chars, offset, length));
      }

      @Override
      public void flush() {
        stream.flush();
      }

      @Override
      public void close() {
        stream.flush();
      }
    }, true);
  }
}
