package org.fracnet.core.data;

/**
 * Training rows read a chunk at a time rather than held in memory, such as a file larger than the
 * heap (a file read through its binary cache). Every chunk but the last holds the same
 * number of rows, and reading a chunk gives the same rows, standardised, every time.
 *
 * <p>The training loop shuffles them in two stages: each epoch it puts the chunks in a random
 * order and takes them {@link #groupChunks()} at a time (the shuffle buffer); the rows of one group
 * are read into memory together and shuffled among themselves. A row therefore meets, in one
 * epoch, the rows of {@code groupChunks() - 1} other random chunks, not every other row.
 */
public interface ChunkedRows extends TrainingRows {
  /** The number of chunks. */
  int chunks();

  /** The rows of chunk {@code chunk}, without reading it. */
  int chunkRows(int chunk);

  /** How many chunks are read and shuffled together (the shuffle buffer, in chunks); at least 1. */
  int groupChunks();

  /**
   * The rows of the given chunks, in that order, standardised; one data set in memory.
   *
   * @throws org.fracnet.core.DataException when they cannot be read
   */
  Dataset read(int[] chunks);

  /** The number of groups of {@link #groupChunks()} consecutive chunks, for a pass in file order. */
  default int groupsInOrder() {
    return (chunks() + groupChunks() - 1) / groupChunks();
  }

  /**
   * Group {@code group} of consecutive chunks (the last may have fewer), read as {@link #read}
   * does: a pass over every row in file order, a group at a time (validation, evaluation).
   */
  default Dataset readInOrder(int group) {
    int first = group * groupChunks();
    int[] ids = new int[Math.min(groupChunks(), chunks() - first)];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = first + i;
    }
    return read(ids);
  }
}
