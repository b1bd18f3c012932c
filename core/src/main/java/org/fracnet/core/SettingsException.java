package org.fracnet.core;

/** A setting (e.g. {@code learningRate}) or a plugin parameter is invalid, unknown or contradicts another: the message names it by its API name, with the value and the accepted range. */
public class SettingsException extends FracnetException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} (exit status 2). */
  public SettingsException(String message) {
    super(message);
  }

  /** An error with {@code message} caused by {@code cause} (exit status 2). */
  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
