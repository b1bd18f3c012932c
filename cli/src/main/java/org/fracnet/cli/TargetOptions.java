package org.fracnet.cli;

import org.fracnet.core.SettingsException;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import picocli.CommandLine.Option;

/** How target columns are read: {@code --targets-are}, {@code --weight}, {@code --on-invalid}. */
final class TargetOptions {
  @Option(names = "--targets-are", paramLabel = "KIND",
      description = "fractions (rows sum to 1) or counts (turned into fractions; each row weighted by its total). Default: fractions (evaluate: as the model was trained).")
  String targetsAre;

  @Option(names = "--weight", paramLabel = "COL", description = "Column of positive row weights.")
  String weight;

  @Option(names = "--on-invalid", paramLabel = "POLICY",
      description = "error (stop at the first invalid row), skip (drop invalid rows) or renormalize"
          + " (divide rows of fractions that do not sum to 1 by their sum). Default: error.")
  String onInvalid;

  /** The target kind, or {@code fallback} when not given. */
  TargetKind kind(TargetKind fallback) {
    if (targetsAre == null) {
      return fallback;
    }
    TargetKind kind = TargetKind.byId(targetsAre);
    if (kind == null) {
      throw new SettingsException("--targets-are " + targetsAre + " is not known; use fractions or counts");
    }
    return kind;
  }

  /** The invalid-row policy; the library's default (stop) when not given. */
  InvalidRows policy() {
    if (onInvalid == null) {
      return InvalidRows.ERROR;
    }
    InvalidRows policy = InvalidRows.byId(onInvalid);
    if (policy == null) {
      throw new SettingsException("--on-invalid " + onInvalid + " is not known; use error, skip or renormalize");
    }
    return policy;
  }
}
