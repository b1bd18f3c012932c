package org.fracnet.core.data;

import org.fracnet.core.DataException;

/**
 * The rows of a data set given in memory, as one array per row or as flat row-major arrays;
 * messages count rows from 1.
 */
final class MemoryRows implements RowSource {
  private final String source;
  private final int n;
  private final int d;
  private final int k;
  private final double[][] rowsX;
  private final double[][] rowsP;
  private final double[] flatX;
  private final double[] flatP;
  private final double[] w;
  private final String[] ids;
  private int i = -1;

  private MemoryRows(String source, int n, int d, int k, double[][] rowsX, double[][] rowsP, double[] flatX,
      double[] flatP, double[] w, String[] ids) {
    this.source = source;
    this.n = n;
    this.d = d;
    this.k = k;
    this.rowsX = rowsX;
    this.rowsP = rowsP;
    this.flatX = flatX;
    this.flatP = flatP;
    this.w = w;
    this.ids = ids;
  }

  /** n rows of d features and k targets, one array per row (each checked for its length). */
  static MemoryRows ofRows(String source, int d, int k, double[][] x, double[][] p, double[] w, String[] ids) {
    return new MemoryRows(source, x.length, d, k, x, p, null, null, w, ids);
  }

  /** n rows of d features and k targets in flat row-major arrays of the right sizes. */
  static MemoryRows ofFlat(String source, int n, int d, int k, double[] x, double[] p, double[] w, String[] ids) {
    return new MemoryRows(source, n, d, k, null, null, x, p, w, ids);
  }

  @Override
  public boolean next() {
    return ++i < n;
  }

  @Override
  public String where() {
    return RowValidation.row(source, i);
  }

  @Override
  public void checkShape() {
    if (rowsX != null) {
      check(rowsX[i], d, "feature");
      check(rowsP[i], k, "target");
    }
  }

  private void check(double[] row, int width, String what) {
    if (row == null || row.length != width) {
      throw new DataException(where() + " has " + (row == null ? "no" : row.length) + " " + what + " values for "
          + width + " " + what + " names; every row needs one value per name");
    }
  }

  @Override
  public double feature(int j) {
    return rowsX != null ? rowsX[i][j] : flatX[i * d + j];
  }

  @Override
  public double target(int j) {
    return rowsP != null ? rowsP[i][j] : flatP[i * k + j];
  }

  @Override
  public double weight() {
    return w[i];
  }

  @Override
  public String id() {
    return ids[i];
  }
}
