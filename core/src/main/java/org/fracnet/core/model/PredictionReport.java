package org.fracnet.core.model;

import java.util.List;

/**
 * What a prediction over a file did.
 *
 * @param rows rows predicted
 * @param ignoredColumns columns of the input that the model does not read, in file order
 * @param notes how the file was read, one line each: when it was not plain comma-separated text
 *     (e.g. read as ';'-separated values with decimal commas), and when it lacked the model's id
 *     column (predicted in row order, without ids)
 */
public record PredictionReport(long rows, List<String> ignoredColumns, List<String> notes) {
  public PredictionReport {
    ignoredColumns = List.copyOf(ignoredColumns);
    notes = List.copyOf(notes);
  }
}
