package org.fracnet.core;

/**
 * An output file (a model, a checkpoint, predictions, a report) cannot be written: it exists and
 * replacing it was not allowed, it is one of the run's input files, or writing it failed (the disk
 * is full, permission is denied). The message names the file, the cause and the fix; a file that
 * existed before is unchanged (exit status 2).
 */
public class OutputFileException extends FracnetException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} (exit status 2). */
  public OutputFileException(String message) {
    super(message);
  }

  /** An error with {@code message} caused by {@code cause} (exit status 2). */
  public OutputFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
