package org.fracnet.core;

/** A data file or an in-memory data set is invalid: the message names the file and line (or the row), the column, the value and the fix. */
public class DataException extends FracnetException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} (exit status 2). */
  public DataException(String message) {
    super(message);
  }

  /** An error with {@code message} caused by {@code cause} (exit status 2). */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
