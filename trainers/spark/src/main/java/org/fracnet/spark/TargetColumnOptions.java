package org.fracnet.spark;

import java.util.Arrays;
import java.util.function.Function;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.internal.EnumIds;
import picocli.CommandLine.Option;

/**
 * Which columns are what and how targets are read ({@code --targets}, {@code --targets-are},
 * {@code --weight}, {@code --features}, {@code --id}, {@code --on-invalid}): the options of
 * {@code train} and {@code evaluate}, which read labelled rows.
 */
final class TargetColumnOptions {
  @Option(names = "--targets", paramLabel = "SPEC", required = true,
      description = "Target columns: comma list of names, globs (y*) or ranges (y1:y6); a name with a comma in double quotes.")
  String targets;

  @Option(names = "--targets-are", paramLabel = "KIND",
      description = "fractions (rows sum to 1) or counts (turned into fractions; each row weighted by its total). Default: fractions.")
  String targetsAre;

  @Option(names = "--weight", paramLabel = "COL", description = "Column of positive row weights.")
  String weight;

  @Option(names = "--features", paramLabel = "SPEC", description = "Feature columns (default: every other column).")
  String features;

  @Option(names = "--id", paramLabel = "COL", description = "Id column, not a feature.")
  String id;

  @Option(names = "--on-invalid", paramLabel = "POLICY",
      description = "error (stop at the first invalid row), skip (drop invalid rows) or renormalize"
          + " (divide rows of fractions that do not sum to 1 by their sum). Default: error.")
  String onInvalid;

  /** The spec these options give. */
  DatasetSpec spec() {
    return new DatasetSpec(targets,
        targetsAre == null ? TargetKind.FRACTIONS : choice(TargetKind.class, TargetKind::id, targetsAre, "--targets-are"),
        weight, features, id,
        onInvalid == null ? InvalidRows.ERROR : choice(InvalidRows.class, InvalidRows::id, onInvalid, "--on-invalid"));
  }

  private static <E extends Enum<E>> E choice(Class<E> type, Function<E, String> id, String value, String flag) {
    E e = EnumIds.byId(type, id, value);
    if (e == null) {
      throw new SettingsException(flag + " '" + value + "' is not one of "
          + Arrays.stream(type.getEnumConstants()).map(id).toList());
    }
    return e;
  }
}
