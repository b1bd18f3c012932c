package org.fracnet.core;

/**
 * The root of fracnet's exceptions: a failure that a user can act on. The message names what
 * failed, the offending value, what was expected and the fix, and refers to settings by their
 * API names (e.g. {@code validationFraction}, {@code InvalidRows.SKIP}); the command line
 * translates those into its flags. The CLI prints only the message (one line) and exits with
 * {@link #exitCode()}; it never prints a stack trace for this type.
 *
 * <p>The kinds:
 * <ul>
 *   <li>{@link DataException}: a data file or an in-memory data set is invalid (names file or
 *       row, column and value);</li>
 *   <li>{@link SettingsException}: a setting or a plugin parameter is invalid or unknown;</li>
 *   <li>{@link TrainingException}: training could not finish (it diverged);</li>
 *   <li>{@link ModelFileException}: a model or checkpoint file cannot be read;</li>
 *   <li>{@link OutputFileException}: an output file cannot be written (it exists, it is an input,
 *       the disk is full);</li>
 *   <li>{@link TrainingInterruptedException}: a {@link org.fracnet.core.training.StopSignal}
 *       stopped training (exit status 130).</li>
 * </ul>
 * Programming errors (an array of the wrong length passed to an SPI method) remain
 * {@link IllegalArgumentException}.
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
