package org.fracnet.core;

/**
 * A model or checkpoint file is missing, is not a fracnet file, is damaged (cut short, altered,
 * a zip bomb, shapes that disagree), was written by a newer format version, or does not match the
 * run that resumes it.
 */
public class ModelFileException extends FracnetException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} (exit status 2). */
  public ModelFileException(String message) {
    super(message);
  }

  /** An error with {@code message} caused by {@code cause} (exit status 2). */
  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
