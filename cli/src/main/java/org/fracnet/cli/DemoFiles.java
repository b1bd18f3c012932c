package org.fracnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;

/** The bundled demo data set (see {@link DemoData}), copied to a temporary file when used. */
final class DemoFiles {
  static final String RESOURCE = "demo-commute.csv";
  static final String TARGETS = String.join(",", DemoData.CLASSES);
  static final String ID = "group_id";

  private DemoFiles() {}

  /** How the demo file's columns are read: counts of six commute modes per group. */
  static DatasetSpec spec() {
    return new DatasetSpec(TARGETS, TargetKind.COUNTS, null, null, ID);
  }

  /** The demo CSV as a file (extracted once per run to a temporary file). */
  static Path file() {
    try (InputStream in = DemoFiles.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bundled " + RESOURCE + " is missing from the jar");
      }
      Path dir = Files.createTempDirectory("fracnet-demo-");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(RESOURCE);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot extract the demo data: " + e.getMessage(), e);
    }
  }
}
