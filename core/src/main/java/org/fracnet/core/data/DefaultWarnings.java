package org.fracnet.core.data;

import java.util.function.Consumer;

/**
 * Where reading warnings go when the caller names no consumer: the platform logger {@code
 * org.fracnet.core.data} ({@link System#getLogger}), at level WARNING, so that rows divided by
 * their sum or dropped are never silent. With no logging configured, the JDK prints them to
 * standard error; a logging setup (java.util.logging, or SLF4J's bridge) can route or silence them.
 */
final class DefaultWarnings {
  private static final System.Logger LOGGER = System.getLogger("org.fracnet.core.data");

  /** Logs each message at WARNING. */
  static final Consumer<String> LOG = DefaultWarnings::log;

  private DefaultWarnings() {}

  /** A named method, not a lambda: java.util.logging prints the calling method as the source. */
  private static void log(String message) {
    LOGGER.log(System.Logger.Level.WARNING, message);
  }
}
