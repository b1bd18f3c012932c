package org.fracnet.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;
import org.fracnet.core.FracnetException;

/** Reads the feature columns a model needs from a CSV file, by name, in chunks: the prediction path. */
final class CsvFeatureReader {
  private CsvFeatureReader() {}

  /** See {@link CsvDatasetReader#forEachFeatureChunk}. */
  static void forEachChunk(Path file, List<String> featureNames, String idColumn, int chunkRows,
      Consumer<FeatureTable> consumer) {
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1, got " + chunkRows);
    }
    try (CsvTable table = CsvTable.open(file)) {
      int[] cols = new int[featureNames.size()];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = ColumnSpec.column(table.name, table.header, featureNames.get(i), "the model's feature");
      }
      int idCol = idColumn == null ? -1 : ColumnSpec.column(table.name, table.header, idColumn, "the model's id column");
      GrowableDoubles x = new GrowableDoubles();
      List<String> ids = idCol >= 0 ? new ArrayList<>() : null;
      int rows = 0;
      long total = 0;
      for (Iterator<CSVRecord> it = table.records(); it.hasNext(); ) {
        CSVRecord rec = it.next();
        long line = table.checkWidth(rec);
        for (int c : cols) {
          x.add(table.number(rec, c, line, ""));
        }
        if (ids != null) {
          ids.add(rec.get(idCol));
        }
        rows++;
        if (rows == chunkRows) {
          consumer.accept(chunk(file, rows, x, ids));
          total += rows;
          rows = 0;
        }
      }
      if (rows > 0 || total == 0) {
        if (total + rows == 0) {
          throw new FracnetException(table.name + " has a header but no data rows; add at least one row");
        }
        consumer.accept(chunk(file, rows, x, ids));
      }
    }
  }

  /** The rows collected so far as a table; empties the collectors. */
  private static FeatureTable chunk(Path file, int rows, GrowableDoubles x, List<String> ids) {
    FeatureTable t = new FeatureTable(file.toString(), rows, x.toArray(),
        ids == null ? null : ids.toArray(String[]::new));
    x.clear();
    if (ids != null) {
      ids.clear();
    }
    return t;
  }
}
