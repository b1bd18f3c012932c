package org.fracnet.core.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fracnet.core.io.AtomicFile;

/**
 * Writes predictions as CSV: a header, then one row per input row in input order: the id first
 * when there is one, then one column per class. Rows may be written in several batches; files
 * are written atomically.
 */
public final class PredictionWriter {
  private final CSVPrinter csv;
  private final boolean withId;
  private final int classes;
  private final StringBuilder number = new StringBuilder(24);

  /**
   * Starts writing to {@code out} (not closed by this writer) and writes the header.
   *
   * @param idColumn the id column's name, or {@code null} for none
   */
  public PredictionWriter(OutputStream out, String idColumn, List<String> classNames) throws IOException {
    this.csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
        CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
    this.withId = idColumn != null;
    this.classes = classNames.size();
    if (withId) {
      csv.print(idColumn);
    }
    for (String c : classNames) {
      csv.print(c);
    }
    csv.println();
  }

  /** Writes {@code n} rows of fractions {@code q} (n x k), with their ids when the writer has an id column. */
  public void write(String[] ids, int n, double[] q) throws IOException {
    for (int i = 0; i < n; i++) {
      if (withId) {
        csv.print(ids[i]);
      }
      for (int j = 0; j < classes; j++) {
        number.setLength(0);
        double v = q[i * classes + j];
        csv.print(Double.isNaN(v) ? number : number.append(v)); // a row that could not be read: empty cells
      }
      csv.println();
    }
  }

  /** Flushes what was written to the stream. */
  public void flush() throws IOException {
    csv.flush();
  }

  /** Writes all rows to {@code file} atomically; gzip-compressed when its name ends in {@code .gz}. */
  public static void write(Path file, String idColumn, String[] ids, List<String> classNames, int n, double[] q) {
    AtomicFile.write(file, AtomicFile.gzipIfNamed(file, out -> {
      PredictionWriter writer = new PredictionWriter(out, idColumn, classNames);
      writer.write(ids, n, q);
      writer.flush();
    }));
  }
}
