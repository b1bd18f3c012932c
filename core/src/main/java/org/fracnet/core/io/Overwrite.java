package org.fracnet.core.io;

/**
 * Whether an output file that exists may be replaced; see {@link OutputFiles}. The library's
 * save and write methods ({@code Model.save}, {@code Model.predictCsv}, {@code
 * ComparisonResult.write}) always replace; check with {@link OutputFiles} first to refuse.
 */
public enum Overwrite {
  /** An existing output is refused: the result of an earlier run is never lost by accident. */
  REFUSE,
  /** An existing output is replaced (atomically: readers see the old file or the new one). */
  REPLACE
}
