package org.fracnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;

/** The bundled demo data set (see {@link DemoData}, which holds it), copied to a temporary file when used. */
final class DemoFiles {
  /** The demo file as an absolute resource name: it lives in fracnet-core, next to {@link DemoData}. */
  static final String RESOURCE = "/" + DemoData.class.getPackageName().replace('.', '/') + "/" + DemoData.RESOURCE;
  static final String TARGETS = String.join(",", DemoData.CLASSES);
  static final String ID = DemoData.ID_COLUMN;

  private DemoFiles() {}

  /** How the demo file's columns are read: counts of six commute modes per group. */
  static DatasetSpec spec() {
    return DemoData.spec();
  }

  /** The demo CSV as a file (extracted once per run to a temporary file). */
  static Path file() {
    try (InputStream in = DemoData.csv()) {
      Path dir = Files.createTempDirectory("fracnet-demo-");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(DemoData.RESOURCE);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot extract the demo data: " + e.getMessage(), e);
    }
  }
}
