package org.fracnet.core;

/** Training could not finish, e.g. the loss became NaN: the message names the epoch and batch and the likely fix. */
public class TrainingException extends FracnetException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} (exit status 2). */
  public TrainingException(String message) {
    super(message);
  }

  /** An error with {@code message} caused by {@code cause} (exit status 2). */
  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
