package org.fracnet.cli;

import org.fracnet.core.io.Overwrite;
import picocli.CommandLine.Option;

/** {@code --force}, shared by every command that writes a file. */
final class ForceOption {
  @Option(names = "--force", description = "Replace an output file that exists (without it, the command refuses before it starts).")
  boolean force;

  /** The library's setting for this flag. */
  Overwrite overwrite() {
    return force ? Overwrite.REPLACE : Overwrite.REFUSE;
  }
}
