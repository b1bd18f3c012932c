package org.fracnet.cli;

import java.io.PrintWriter;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;
import picocli.CommandLine.Option;

/**
 * Which columns of the data file are what ({@code --targets}, {@code --features}, {@code --id}),
 * and reading a labelled data set with them: the data options of {@code train} (and of every
 * command that trains).
 */
final class ColumnOptions {
  @Option(names = "--targets", paramLabel = "SPEC",
      description = "Target columns: comma list of names, globs (y*) or ranges (y1:y6); a name with a comma in double quotes.")
  String targets;

  @Option(names = "--features", paramLabel = "SPEC", description = "Feature columns, as --targets (default: every other column); !COL leaves a column out: --features '!notes,!region'.")
  String features;

  @Option(names = "--id", paramLabel = "COL", description = "Id column: not a feature; a model trained with it writes each row's id first in its predictions.")
  String id;

  /**
   * Reads the data set these options and {@code file} and {@code reading} name, or the bundled
   * demo data; warnings about skipped or renormalised rows go to {@code err}.
   */
  Dataset read(DataFileOption file, TargetOptions reading, PrintWriter err) {
    if (file.data == null) {
      if (targets != null || features != null || reading.weight != null || id != null) {
        throw new SettingsException("--targets, --features, --weight and --id need --data FILE;"
            + " without --data the bundled demo data is used");
      }
      return DemoData.dataset();
    }
    return Dataset.readCsv(file.data, spec(file, reading), warnings(err));
  }

  /** The spec these options and {@code reading} give for {@code file} (which must be given). */
  DatasetSpec spec(DataFileOption file, TargetOptions reading) {
    if (targets == null) {
      throw new SettingsException("--data " + file.data + " needs --targets SPEC naming the fraction columns,"
          + " e.g. --targets 'y*'");
    }
    return new DatasetSpec(targets, reading.kind(TargetKind.FRACTIONS), reading.weight, features, id,
        reading.policy());
  }

  /** Prints library warnings on {@code err}, API names translated into flags. */
  static java.util.function.Consumer<String> warnings(PrintWriter err) {
    return message -> err.println("fracnet: warning: " + Flags.translate(message));
  }
}
