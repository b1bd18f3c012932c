package org.fracnet.core.data;

/** Receives the valid rows of a data set one at a time, as they are read and checked. */
@FunctionalInterface
public interface RowSink {
  /**
   * One valid row. The arrays are reused for the next row: copy what you keep.
   *
   * @param features the d features, finite
   * @param fractions the k fractions (counts already divided by their total)
   * @param weight the row's weight: its given weight, times its total when targets are counts
   * @param id the row's id, or {@code null} without an id column
   */
  void accept(double[] features, double[] fractions, double weight, String id);
}
