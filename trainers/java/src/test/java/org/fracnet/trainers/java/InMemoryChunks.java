package org.fracnet.trainers.java;

import org.fracnet.core.data.ChunkedRows;
import org.fracnet.core.data.Dataset;

/**
 * A data set in memory served as {@link ChunkedRows}, as a file's binary cache serves it: for
 * testing the loop's chunked path against the in-memory one on the same rows. Counts its reads.
 */
final class InMemoryChunks implements ChunkedRows {
  private final Dataset data;
  private final int chunkRows;
  private final int groupChunks;
  int reads;

  InMemoryChunks(Dataset data, int chunkRows, int groupChunks) {
    this.data = data;
    this.chunkRows = chunkRows;
    this.groupChunks = groupChunks;
  }

  @Override
  public String source() {
    return data.source();
  }

  @Override
  public int rows() {
    return data.rows();
  }

  @Override
  public int featureCount() {
    return data.featureCount();
  }

  @Override
  public int classCount() {
    return data.classCount();
  }

  @Override
  public int chunks() {
    return (data.rows() + chunkRows - 1) / chunkRows;
  }

  @Override
  public int chunkRows(int chunk) {
    return Math.min(chunkRows, data.rows() - chunk * chunkRows);
  }

  @Override
  public int groupChunks() {
    return groupChunks;
  }

  @Override
  public Dataset read(int[] chunks) {
    reads++;
    int n = 0;
    for (int c : chunks) {
      n += chunkRows(c);
    }
    int[] rows = new int[n];
    int at = 0;
    for (int c : chunks) {
      for (int r = 0; r < chunkRows(c); r++) {
        rows[at++] = c * chunkRows + r;
      }
    }
    return data.select(rows);
  }
}
