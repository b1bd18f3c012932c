package org.fracnet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data FILE}, shared by every command that reads a data file. */
final class DataFileOption {
  @Option(names = "--data", paramLabel = "FILE",
      description = "CSV file with a header line. Without it, the bundled demo data (commute modes of 2000 groups, as counts).")
  Path data;

  /** A description of the data for messages. */
  String describe() {
    return data == null ? "the bundled demo data" : data.toString();
  }
}
