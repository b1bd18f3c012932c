package org.fracnet.core.data;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fracnet.core.io.AtomicFile;

/**
 * Writes predictions as CSV: a header, then one row per input row in input order: the id first
 * when there is one, then one column per class. Files are written atomically.
 */
public final class PredictionWriter {
  private PredictionWriter() {}

  /** Writes to {@code file} atomically. */
  public static void write(Path file, String idColumn, String[] ids, List<String> classNames, int n, double[] q) {
    AtomicFile.write(file, out -> write(out, idColumn, ids, classNames, n, q));
  }

  /** Writes to a stream (flushed, not closed). */
  public static void write(OutputStream out, String idColumn, String[] ids, List<String> classNames,
      int n, double[] q) throws java.io.IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
    boolean withId = idColumn != null && ids != null;
    if (withId) {
      csv.print(idColumn);
    }
    for (String c : classNames) {
      csv.print(c);
    }
    csv.println();
    int k = classNames.size();
    StringBuilder line = new StringBuilder(k * 24);
    for (int i = 0; i < n; i++) {
      if (withId) {
        csv.print(ids[i]);
      }
      for (int j = 0; j < k; j++) {
        line.setLength(0);
        csv.print(line.append(q[i * k + j]));
      }
      csv.println();
    }
    csv.flush();
  }
}
