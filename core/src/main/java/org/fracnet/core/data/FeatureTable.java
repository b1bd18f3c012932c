package org.fracnet.core.data;

/**
 * Rows of features without targets, as read for prediction.
 *
 * @param source the file, for messages
 * @param rows number of rows n
 * @param x n x d features, row-major, in the order the model expects
 * @param ids n ids, or {@code null} without an id column
 */
public record FeatureTable(String source, int rows, double[] x, String[] ids) {}
