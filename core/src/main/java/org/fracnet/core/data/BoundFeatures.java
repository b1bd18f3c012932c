package org.fracnet.core.data;

import java.util.List;

/**
 * Features taken from a table by name, in the order a model needs them.
 *
 * @param rows number of rows n
 * @param columns the column names, in the order of each row's values in {@code x}
 * @param x n x d values, row-major (do not modify; it may be the table's own array)
 * @param ignored the table's columns that were not asked for, in table order
 */
public record BoundFeatures(int rows, List<String> columns, double[] x, List<String> ignored) {
  /** Copies the lists. */
  public BoundFeatures {
    columns = List.copyOf(columns);
    ignored = List.copyOf(ignored);
  }
}
