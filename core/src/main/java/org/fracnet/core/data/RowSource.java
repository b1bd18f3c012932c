package org.fracnet.core.data;

import org.fracnet.core.DataException;

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
   * @throws DataException when the source cannot be read further (this stops reading whatever the policy)
   */
  boolean next();

  /** The current row for messages: {@code data.csv line 17} or {@code my data row 17 (1-based)}. */
  String where();

  /**
   * Checks the current row's shape (one value per column).
   *
   * @throws DataException for a malformed row (an invalid row: the policy applies)
   */
  void checkShape();

  /**
   * Feature {@code j} of the current row, not yet checked for finiteness.
   *
   * @throws DataException when the value is not a number at all
   */
  double feature(int j);

  /**
   * Target {@code j} of the current row as given (a fraction or a count), not yet checked.
   *
   * @throws DataException when the value is not a number at all
   */
  double target(int j);

  /**
   * The weight of the current row; only called when the source has weights.
   *
   * @throws DataException when the value is not a number at all
   */
  double weight();

  /** The id of the current row; only called when the source has ids. */
  String id();

  /**
   * The decimal places to which the current row's targets were written ({@code 0.333333}: 6; see
   * {@link CsvDatasetReader} for a row whose values have different places), from which
   * the tolerance of a row of fractions follows; -1 when the values were not written as text (a
   * data set in memory).
   */
  default int targetDecimals() {
    return -1;
  }

  /**
   * The error for a heap that ran out after {@code rows} rows of about {@code bytesPerRow} bytes
   * each were kept; a file estimates from its size what all its rows need.
   *
   * @param source the data set, for the message
   */
  default DataException outOfMemory(String source, long rows, long bytesPerRow, OutOfMemoryError e) {
    return OutOfMemory.error(source, -1, -1, rows, bytesPerRow, e);
  }

  /** What follows the source's name when it has no rows at all. */
  default String noRows() {
    return " has no data rows; add at least one row";
  }
}
