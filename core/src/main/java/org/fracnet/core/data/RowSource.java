package org.fracnet.core.data;

/**
 * The rows of a data set as they arrive, before validation: from a CSV file or from arrays in
 * memory. {@link RowValidation} reads them, one row at a time, and checks every value the same way
 * whatever the source.
 */
interface RowSource {
  /**
   * Moves to the next row.
   *
   * @return false after the last row
   * @throws org.fracnet.core.DataException when the source cannot be read further (this stops reading whatever the policy)
   */
  boolean next();

  /** The current row for messages: {@code data.csv line 17} or {@code my data row 17 (1-based)}. */
  String where();

  /**
   * Checks the current row's shape (one value per column).
   *
   * @throws org.fracnet.core.DataException for a malformed row (an invalid row: the policy applies)
   */
  void checkShape();

  /**
   * Feature {@code j} of the current row, not yet checked for finiteness.
   *
   * @throws org.fracnet.core.DataException when the value is not a number at all
   */
  double feature(int j);

  /**
   * Target {@code j} of the current row as given (a fraction or a count), not yet checked.
   *
   * @throws org.fracnet.core.DataException when the value is not a number at all
   */
  double target(int j);

  /**
   * The weight of the current row; only called when the source has weights.
   *
   * @throws org.fracnet.core.DataException when the value is not a number at all
   */
  double weight();

  /** The id of the current row; only called when the source has ids. */
  String id();

  /** What follows the source's name when it has no rows at all. */
  default String noRows() {
    return " has no data rows; add at least one row";
  }
}
