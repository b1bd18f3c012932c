package org.fracnet.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fracnet.core.DataException;

/**
 * Rows of features without targets, with named columns, as given for prediction. A model takes
 * the columns it needs by name ({@link #bind}), so their order in the table does not matter and
 * extra columns are ignored (and reported). Treated as immutable: {@link #x()} returns the
 * internal array for speed, and callers must not modify it.
 */
public final class FeatureTable {
  private static final String DEFAULT_SOURCE = "the feature table";
  /** The fix offered for a value that is not finite. */
  static final String FIX = " (fix the value; a model cannot predict from a missing one)";

  private final String source;
  private final List<String> columns;
  private final int rows;
  private final double[] x;
  private final String idColumn;
  private final String[] ids;

  /** A table of checked values (no copy, no checks). */
  FeatureTable(String source, List<String> columns, int rows, double[] x, String idColumn, String[] ids) {
    this.source = source;
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.x = x;
    this.idColumn = idColumn;
    this.ids = ids;
  }

  /**
   * A table of {@code rows} (one array per row, one value per column, in {@code columns} order),
   * without ids. The values are copied.
   *
   * @param columns the column names, unique
   * @param rows the rows, each with one finite value per column
   * @return the table
   * @throws DataException on a duplicate column name, a row of the wrong length or a value that is
   *     not finite, naming the row (1-based) and the column
   */
  public static FeatureTable of(List<String> columns, double[][] rows) {
    return of(columns, rows, null, null);
  }

  /**
   * A table of {@code rows} (one array per row, one value per column, in {@code columns} order),
   * each with an id that predictions carry along. The values are copied.
   *
   * @param columns the column names, unique
   * @param rows the rows, each with one finite value per column
   * @param idColumn the name of the ids, or {@code null} without ids
   * @param ids one id per row, or {@code null} without ids
   * @return the table
   * @throws DataException on a duplicate column name, a row of the wrong length, a value that is
   *     not finite (naming the row, 1-based, and the column), or ids that do not fit the rows
   */
  public static FeatureTable of(List<String> columns, double[][] rows, String idColumn, String[] ids) {
    String source = DEFAULT_SOURCE;
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(rows, "rows");
    Set<String> seen = new HashSet<>();
    for (String c : columns) {
      if (c == null || c.isEmpty() || !seen.add(c)) {
        throw new DataException(source + ": column name " + (c == null ? "null" : "'" + c + "'")
            + (c == null || c.isEmpty() ? " is not a name" : " appears twice")
            + "; column names must be unique and non-empty");
      }
    }
    checkIds(source, rows.length, idColumn, ids);
    int d = columns.size();
    double[] x = new double[Math.multiplyExact(rows.length, d)];
    String[] labels = RowValidation.labels(columns);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != d) {
        throw new DataException(RowValidation.row(source, i) + " has " + (rows[i] == null ? "no" : rows[i].length)
            + " values for " + d + " columns; every row needs one value per column");
      }
      for (int j = 0; j < d; j++) {
        double v = rows[i][j];
        if (!Double.isFinite(v)) {
          throw RowValidation.notFinite(RowValidation.row(source, i), labels[j], v, FIX);
        }
        x[i * d + j] = v;
      }
    }
    return new FeatureTable(source, columns, rows.length, x, idColumn, ids == null ? null : ids.clone());
  }

  /** Checks that ids come with their column's name and one per row. */
  static void checkIds(String source, int rows, String idColumn, String[] ids) {
    if ((idColumn == null) != (ids == null)) {
      throw new DataException(source + ": " + (ids == null ? "id column " + idColumn + " has no ids"
          : rows + " ids have no id column name") + "; give both the id column's name and the ids, or neither");
    }
    if (ids != null && ids.length != rows) {
      throw new DataException(source + ": " + ids.length + " ids for " + rows + " rows; give one id per row");
    }
  }

  /** Where the rows came from (a file name), for messages. */
  public String source() {
    return source;
  }

  /** The column names, in the order of each row's values in {@link #x()}. */
  public List<String> columns() {
    return columns;
  }

  /** Number of rows n. */
  public int rows() {
    return rows;
  }

  /** n x d values, row-major, in {@link #columns()} order (do not modify). */
  public double[] x() {
    return x;
  }

  /** The id column's name, or {@code null} without ids. */
  public String idColumn() {
    return idColumn;
  }

  /** n ids, or {@code null} without an id column (do not modify). */
  public String[] ids() {
    return ids;
  }

  /**
   * The columns {@code wanted}, in that order, taken by name: what a model with these features
   * sees. The table's other columns are ignored and listed in the result.
   *
   * @param wanted the column names needed, in the order needed
   * @return the features in {@code wanted} order, and the ignored columns
   * @throws DataException naming every missing column and listing the table's columns
   */
  public BoundFeatures bind(List<String> wanted) {
    return bind(source, columns, rows, x, wanted);
  }

  /** Binds n x d values {@code x} with named {@code columns} to {@code wanted}; see {@link #bind(List)}. */
  static BoundFeatures bind(String source, List<String> columns, int rows, double[] x, List<String> wanted) {
    List<String> want = List.copyOf(wanted);
    List<String> ignored = new ArrayList<>();
    Set<String> wantedSet = new HashSet<>(want);
    for (String c : columns) {
      if (!wantedSet.contains(c)) {
        ignored.add(c);
      }
    }
    if (want.equals(columns)) {
      return new BoundFeatures(rows, want, x, List.of());
    }
    int[] from = positions(source, columns, want);
    int d = columns.size();
    int e = want.size();
    double[] out = new double[Math.multiplyExact(rows, e)];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < e; j++) {
        out[i * e + j] = x[i * d + from[j]];
      }
    }
    return new BoundFeatures(rows, want, out, ignored);
  }

  /**
   * The position of each wanted column among {@code columns}: how columns are bound by name, for
   * rows that arrive one at a time.
   *
   * @param source the file or data set, for the message
   * @throws DataException naming every missing column and listing the columns present
   */
  public static int[] positions(String source, List<String> columns, List<String> wanted) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      index.put(columns.get(c), c);
    }
    int[] at = new int[wanted.size()];
    List<String> missing = new ArrayList<>();
    for (int j = 0; j < at.length; j++) {
      Integer c = index.get(wanted.get(j));
      if (c == null) {
        missing.add(wanted.get(j));
      } else {
        at[j] = c;
      }
    }
    if (!missing.isEmpty()) {
      throw new DataException(source + ": " + (missing.size() == 1 ? "the feature column '"
          + CsvTable.shown(missing.get(0)) + "' is" : "the feature columns " + CsvTable.shown(missing) + " are")
          + " missing; the features needed are " + CsvTable.shown(wanted) + " and the columns present are "
          + CsvTable.shown(columns) + " (names must match exactly, including case)");
    }
    return at;
  }

  @Override
  public String toString() {
    return "FeatureTable[" + source + ", " + rows + " rows, columns " + String.join(",", columns) + "]";
  }
}
