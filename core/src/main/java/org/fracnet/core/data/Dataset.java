package org.fracnet.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Samples with features, target fractions and row weights, held as row-major arrays.
 *
 * <p>Features {@code x} are n x d, targets {@code p} are n x k fractions (each row non-negative,
 * summing to 1), weights {@code w} are n positive values (all ones when the data have none; the
 * row totals when targets were given as counts). Optional ids (one string per row) are carried
 * through to predictions. Instances are treated as immutable: accessors return the internal
 * arrays for speed, and callers must not modify them.
 */
public final class Dataset {
  private final String source;
  private final int rows;
  private final double[] x;
  private final double[] p;
  private final double[] w;
  private final boolean weightsAreCounts;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final String idColumn;
  private final String[] ids;

  /**
   * @param source where the rows came from, for messages (a file name)
   * @param x n x d features
   * @param p n x k fractions
   * @param w n weights, or {@code null} for all ones
   * @param weightsAreCounts whether {@code w} holds the unit counts of each row
   * @param idColumn the name of the id column, or {@code null}
   * @param ids n ids, or {@code null} when {@code idColumn} is null
   */
  public Dataset(String source, double[] x, double[] p, double[] w, boolean weightsAreCounts,
      List<String> featureNames, List<String> classNames, String idColumn, String[] ids) {
    this.source = Objects.requireNonNull(source, "source");
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    int k = this.classNames.size();
    int d = this.featureNames.size();
    if (k < 2) {
      throw new IllegalArgumentException("a data set needs at least 2 classes, got " + k);
    }
    this.rows = p.length / k;
    if (p.length != rows * k || x.length != (long) rows * d) {
      throw new IllegalArgumentException("array sizes do not match " + rows + " rows of "
          + d + " features and " + k + " classes");
    }
    if (w == null) {
      w = new double[rows];
      Arrays.fill(w, 1.0);
    } else if (w.length != rows) {
      throw new IllegalArgumentException("weights have " + w.length + " values for " + rows + " rows");
    }
    if (ids != null && ids.length != rows) {
      throw new IllegalArgumentException("ids have " + ids.length + " values for " + rows + " rows");
    }
    this.x = x;
    this.p = p;
    this.w = w;
    this.weightsAreCounts = weightsAreCounts;
    this.idColumn = idColumn;
    this.ids = ids;
  }

  public String source() {
    return source;
  }

  /** Number of rows n. */
  public int rows() {
    return rows;
  }

  /** Number of features d. */
  public int featureCount() {
    return featureNames.size();
  }

  /** Number of classes k. */
  public int classCount() {
    return classNames.size();
  }

  /** n x d features, row-major (do not modify). */
  public double[] features() {
    return x;
  }

  /** n x k target fractions, row-major (do not modify). */
  public double[] targets() {
    return p;
  }

  /** n row weights (do not modify). */
  public double[] weights() {
    return w;
  }

  public boolean weightsAreCounts() {
    return weightsAreCounts;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** The id column's name, or {@code null}. */
  public String idColumn() {
    return idColumn;
  }

  /** The id of row {@code i}, or {@code null} without an id column. */
  public String id(int i) {
    return ids == null ? null : ids[i];
  }

  /** A data set of the given rows, in the given order (copies). */
  public Dataset select(int[] rowIndices) {
    int d = featureCount();
    int k = classCount();
    double[] nx = new double[rowIndices.length * d];
    double[] np = new double[rowIndices.length * k];
    double[] nw = new double[rowIndices.length];
    String[] nids = ids == null ? null : new String[rowIndices.length];
    for (int r = 0; r < rowIndices.length; r++) {
      int i = rowIndices[r];
      System.arraycopy(x, i * d, nx, r * d, d);
      System.arraycopy(p, i * k, np, r * k, k);
      nw[r] = w[i];
      if (nids != null) {
        nids[r] = ids[i];
      }
    }
    return new Dataset(source, nx, np, nw, weightsAreCounts, featureNames, classNames, idColumn, nids);
  }

  /** The same rows with features replaced by {@code newX} (n x d). */
  public Dataset withFeatures(double[] newX) {
    return new Dataset(source, newX, p, w, weightsAreCounts, featureNames, classNames, idColumn, ids);
  }

  @Override
  public String toString() {
    return "Dataset[" + source + ", " + rows + " rows, " + featureCount() + " features, "
        + classCount() + " classes]";
  }
}
