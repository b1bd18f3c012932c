package org.fracnet.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.fracnet.core.io.AtomicFile;

/**
 * The container of {@link ModelFile} and {@link CheckpointFile}: a zip of named byte entries,
 * written atomically with a fixed entry time (so equal contents give byte-equal files), read back
 * by name. Each caller turns the exceptions into its own message.
 */
final class ZipEntries {
  private static final long ENTRY_TIME = 1_795_737_600_000L; // 2026-11-27, fixed for reproducible files

  private ZipEntries() {}

  /**
   * Writes {@code entries}, in their iteration order, as a zip at {@code file}, atomically.
   *
   * @throws org.fracnet.core.FracnetException naming the file when it cannot be written
   */
  static void write(Path file, Map<String, byte[]> entries) {
    AtomicFile.write(file, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  /**
   * The entries of the zip at {@code file} whose names are in {@code names}; a name the zip lacks
   * is absent from the result, and other entries are skipped.
   *
   * @throws java.nio.file.NoSuchFileException when there is no file
   * @throws java.util.zip.ZipException when it is not a zip
   * @throws IOException when it cannot be read
   */
  static Map<String, byte[]> read(Path file, Set<String> names) throws IOException {
    Map<String, byte[]> found = new HashMap<>();
    try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (names.contains(e.getName())) {
          found.put(e.getName(), zip.readAllBytes());
        }
      }
    }
    return found;
  }
}
