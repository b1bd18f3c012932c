package org.fracnet.core.model;

import java.util.List;

/**
 * What a prediction over a file did.
 *
 * @param rows rows predicted
 * @param ignoredColumns columns of the input that the model does not read, in file order
 */
public record PredictionReport(long rows, List<String> ignoredColumns) {
  public PredictionReport {
    ignoredColumns = List.copyOf(ignoredColumns);
  }
}
