package org.fracnet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM and keeps what it printed, for command tests. */
final class CliRun {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs {@code args}; returns the exit status. */
  int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
