package org.fracnet.core.data;

import org.fracnet.core.SettingsException;

/**
 * Rows the training loop trains on, wherever they are: a {@link Dataset} in memory, a
 * {@link ChunkedRows} read from disk a chunk at a time, or rows a trainer plugin holds itself (for
 * example the partitions of a Spark job). Features are standardised by the time the loop sees
 * them.
 *
 * <p>The loop needs only the sizes; how the rows reach the engine depends on the kind: a
 * {@code Dataset} is handed to the engine whole, a {@code ChunkedRows} is fed to it in shuffled
 * groups of chunks ({@link org.fracnet.core.spi.MiniBatchEngine#useRows}), and any other kind is
 * handed to a trainer that knows it (others refuse it through {@link #inMemory}).
 */
public interface TrainingRows {
  /** Where the rows came from, for messages (a file name). */
  String source();

  /** Number of rows n (at most {@code Integer.MAX_VALUE}). */
  int rows();

  /** Number of features d. */
  int featureCount();

  /** Number of classes k. */
  int classCount();

  /**
   * {@code rows} as one data set in memory, for a trainer whose path needs all rows at once.
   *
   * @param trainer the trainer, for the message
   * @throws SettingsException when the rows are not in memory
   */
  static Dataset inMemory(TrainingRows rows, String trainer) {
    if (rows instanceof Dataset data) {
      return data;
    }
    throw new SettingsException("trainer " + trainer + " needs its rows in memory here, and " + rows.source()
        + " is not in memory (it is read in chunks, or held by another trainer); train in memory, or use the"
        + " trainer that holds the rows");
  }
}
