package org.fracnet.cli;

import org.fracnet.core.internal.CommandLineFlags;

/**
 * The command line's names for the library's settings: library messages name a setting the way
 * Java code sets it ({@code epochs(0)}, {@code InvalidRows.SKIP}); before printing a message the
 * CLI replaces each such name by its flag ({@code --epochs 0}, {@code --on-invalid skip}). The
 * table lives in core ({@link CommandLineFlags}), shared with fracnet-spark's spark-submit entry.
 */
final class Flags {
  private Flags() {}

  /** {@code message} with every setting it names in the API's form replaced by its flag. */
  static String translate(String message) {
    return CommandLineFlags.translate(message);
  }
}
