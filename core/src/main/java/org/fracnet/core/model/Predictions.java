package org.fracnet.core.model;

import java.util.List;
import java.util.Locale;

/**
 * Predicted fractions for the rows of a table: one row of {@code classNames().size()} fractions
 * per input row, in input order, each row summing to 1.
 *
 * @param classNames the classes, in column order
 * @param rows number of rows n
 * @param fractions n x k, row-major (do not modify)
 * @param idColumn the table's id column, or {@code null}
 * @param ids the table's ids, or {@code null}
 * @param ignoredColumns the table's columns that the model does not read
 */
public record Predictions(List<String> classNames, int rows, double[] fractions, String idColumn, String[] ids,
    List<String> ignoredColumns) {
  public Predictions {
    classNames = List.copyOf(classNames);
    ignoredColumns = List.copyOf(ignoredColumns);
  }

  /** The fractions of row {@code row} (0-based), a copy. */
  public double[] row(int row) {
    int k = classNames.size();
    return java.util.Arrays.copyOfRange(fractions, row * k, (row + 1) * k);
  }

  /** The fraction of class {@code className} in row {@code row} (0-based). */
  public double get(int row, String className) {
    int j = classNames.indexOf(className);
    if (j < 0) {
      throw new IllegalArgumentException("no class " + className + "; the classes are " + classNames);
    }
    return fractions[row * classNames.size() + j];
  }

  /** The most rows {@link #toString()} shows. */
  public static final int ROWS_SHOWN = 10;

  /**
   * The predictions as a small table, one line per row (the id first when there is one): the
   * first {@value #ROWS_SHOWN} rows, then how many more there are.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (idColumn != null) {
      out.append(idColumn).append(' ');
    }
    out.append(String.join(" ", classNames)).append(System.lineSeparator());
    for (int i = 0; i < Math.min(rows, ROWS_SHOWN); i++) {
      if (ids != null) {
        out.append(ids[i]).append(' ');
      }
      for (int j = 0; j < classNames.size(); j++) {
        out.append(String.format(Locale.ROOT, j == 0 ? "%.4f" : " %.4f", fractions[i * classNames.size() + j]));
      }
      out.append(System.lineSeparator());
    }
    if (rows > ROWS_SHOWN) {
      out.append("... ").append(rows - ROWS_SHOWN).append(" more rows (").append(rows).append(" in all)")
          .append(System.lineSeparator());
    }
    return out.toString();
  }
}
