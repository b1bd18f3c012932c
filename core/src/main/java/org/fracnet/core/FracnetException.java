package org.fracnet.core;

/**
 * A failure that a user can act on: the message names what failed, the offending value, what was
 * expected and the fix. The CLI prints only the message (one line) and exits with
 * {@link #exitCode()}; it never prints a stack trace for this type.
 */
public class FracnetException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /** A usage or input error (exit status 2). */
  public FracnetException(String message) {
    this(message, 2, null);
  }

  /** A usage or input error (exit status 2) caused by {@code cause}. */
  public FracnetException(String message, Throwable cause) {
    this(message, 2, cause);
  }

  /** An error with an explicit exit status. */
  public FracnetException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit status the CLI uses for this failure. */
  public int exitCode() {
    return exitCode;
  }
}
