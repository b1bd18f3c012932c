package org.fracnet.core.data;

import org.fracnet.core.internal.EnumIds;

/** How targets are given, in a CSV file or in memory: as fractions or as counts. */
public enum TargetKind {
  /**
   * Each row holds fractions: non-negative, summing to 1 within the rounding of the decimals
   * written (at least {@link CsvDatasetReader#SUM_TOLERANCE}; see {@link CsvDatasetReader}).
   */
  FRACTIONS("fractions"),
  /**
   * Each row holds non-negative counts (people, votes) with a positive total; they are divided by
   * the row total, and the row is weighted by its total, so cross-entropy becomes the multinomial
   * likelihood. Counts need not be whole numbers: weighted counts (2.5 people) are counts too.
   */
  COUNTS("counts");

  private final String id;

  TargetKind(String id) {
    this.id = id;
  }

  /** The lower-case name, as the command line takes it. */
  public String id() {
    return id;
  }

  /** The kind called {@code id}, or {@code null}. */
  public static TargetKind byId(String id) {
    return EnumIds.byId(TargetKind.class, TargetKind::id, id);
  }
}
