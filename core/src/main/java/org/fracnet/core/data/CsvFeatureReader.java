package org.fracnet.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.fracnet.core.DataException;

/** Reads the feature columns a model needs from a CSV file, by name, in chunks: the prediction path. */
final class CsvFeatureReader {
  private CsvFeatureReader() {}

  /**
   * See {@link CsvDatasetReader#forEachFeatureChunk(Path, List, String, int, Consumer, Consumer,
   * InvalidRows)}.
   */
  static List<String> forEachChunk(Path file, List<String> featureNames, String idColumn, int chunkRows,
      Consumer<FeatureTable> consumer, Consumer<String> warnings, InvalidRows policy) {
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1, got " + chunkRows);
    }
    List<String> features = List.copyOf(featureNames);
    try (CsvTable table = CsvTable.open(file)) {
      int[] cols = FeatureTable.positions(table.name, table.header, features);
      int idCol = idColumn == null ? -1 : table.header.indexOf(idColumn);
      if (idColumn != null && idCol < 0) {
        throw new DataException(table.name + ": the id column '" + CsvTable.shown(idColumn) + "' is missing;"
            + " the columns present are " + CsvTable.shown(table.header) + " (add it, or read without ids: no id"
            + " column)");
      }
      Set<String> used = new HashSet<>(features);
      List<String> ignored = new ArrayList<>();
      for (String c : table.header) {
        if (!used.contains(c) && !c.equals(idColumn)) {
          ignored.add(c);
        }
      }
      GrowableDoubles x = new GrowableDoubles();
      List<String> ids = idCol >= 0 ? new ArrayList<>() : null;
      int rows = 0;
      long total = 0;
      long skipped = 0;
      String firstSkipped = null;
      String[] labels = RowValidation.labels(features);
      double[] row = new double[cols.length];
      while (true) {
        try {
          if (!table.next()) {
            break;
          }
          try {
            long line = table.checkWidth();
            for (int j = 0; j < cols.length; j++) {
              double v = table.featureNumber(cols[j], CsvDatasetReader.NUMBER);
              if (!Double.isFinite(v)) {
                throw RowValidation.notFinite(table.name + " line " + line, labels[j], v, FeatureTable.FIX);
              }
              row[j] = v;
            }
          } catch (DataException e) {
            if (policy != InvalidRows.SKIP) {
              throw e;
            }
            // the row keeps its place, with features that predict NaN, written as empty cells
            java.util.Arrays.fill(row, Double.NaN);
            skipped++;
            firstSkipped = firstSkipped != null ? firstSkipped : e.getMessage();
          }
          for (double v : row) {
            x.add(v);
          }
          if (ids != null) {
            ids.add(idCol < table.width() ? table.get(idCol) : "");
          }
        } catch (OutOfMemoryError e) {
          x = null; // frees the chunk for the message's few objects
          ids = null;
          throw table.outOfMemory(total + rows, 8L * cols.length + (idCol < 0 ? 0 : 64), e);
        }
        rows++;
        if (rows == chunkRows) {
          consumer.accept(chunk(table.name, features, rows, x, idColumn, ids));
          total += rows;
          rows = 0;
        }
      }
      if (total + rows == 0) {
        throw new DataException(table.name + " has a header but no data rows; add at least one row");
      }
      if (rows > 0) {
        consumer.accept(chunk(table.name, features, rows, x, idColumn, ids));
      }
      String note = table.formatNote();
      if (note != null) {
        warnings.accept(note);
      }
      if (skipped > 0) {
        warnings.accept(table.name + ": " + skipped + " row" + (skipped == 1 ? "" : "s") + " of " + (total + rows)
            + " could not be read and " + (skipped == 1 ? "has" : "have") + " empty predictions (InvalidRows.SKIP),"
            + " in " + (skipped == 1 ? "its" : "their") + " place; the first: " + firstSkipped);
      }
      return List.copyOf(ignored);
    }
  }

  /** The rows collected so far as a table; empties the collectors. */
  private static FeatureTable chunk(String source, List<String> features, int rows, GrowableDoubles x,
      String idColumn, List<String> ids) {
    FeatureTable t = new FeatureTable(source, features, rows, x.toArray(), idColumn,
        ids == null ? null : ids.toArray(String[]::new));
    x.clear();
    if (ids != null) {
      ids.clear();
    }
    return t;
  }
}
