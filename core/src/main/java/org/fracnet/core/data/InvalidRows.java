package org.fracnet.core.data;

import org.fracnet.core.internal.EnumIds;

/** What to do with an invalid row of a data set, read from CSV or built in memory. */
public enum InvalidRows {
  /** Stop with an error naming the file and line (or the row), the column and the value (the default). */
  ERROR("error"),
  /** Drop every invalid row and report how many were dropped. */
  SKIP("skip"),
  /**
   * Divide a row of fractions that does not sum to 1, further off than the rounding of its
   * decimals explains (rows within it are divided in any case), but is otherwise valid, with a
   * positive sum, by its sum; other invalid rows still stop with an error. For files whose
   * fractions were cut or rounded coarsely, such as Emotion6 or SCUT-FBP.
   */
  RENORMALIZE("renormalize");

  private final String id;

  InvalidRows(String id) {
    this.id = id;
  }

  /** The lower-case name, as the command line takes it. */
  public String id() {
    return id;
  }

  /** The policy called {@code id}, or {@code null}. */
  public static InvalidRows byId(String id) {
    return EnumIds.byId(InvalidRows.class, InvalidRows::id, id);
  }
}
