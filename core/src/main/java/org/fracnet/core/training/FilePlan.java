package org.fracnet.core.training;

import java.nio.file.Path;
import java.util.Locale;
import org.fracnet.core.data.CsvDatasetReader;
import org.fracnet.core.data.DatasetSpec;

/**
 * What training on a file would take, decided before reading it: its rows (estimated from its
 * first rows and its size), the memory each way of reading it needs, and which way
 * {@link StreamConfig} chooses. {@code fracnet train --dry-run} prints it.
 *
 * @param file the file
 * @param estimate its rows and widths
 * @param inMemoryBytes heap the rows need read into memory: each value as a double, about three
 *     times over (the growing arrays, the split and training's copies), as the out-of-memory
 *     message advises
 * @param streamingBytes memory the rows need streamed: one shuffle group of training rows and one
 *     of validation rows as doubles plus the trainer's float32 copy of their features, whatever
 *     the file's size
 * @param heapBytes the heap this JVM may use (-Xmx)
 * @param stream whether the file would be streamed
 */
public record FilePlan(Path file, CsvDatasetReader.RowEstimate estimate, long inMemoryBytes, long streamingBytes,
    long heapBytes, boolean stream) {
  /** Values held per value of the file, read into memory (as {@code OutOfMemory} advises). */
  private static final int IN_MEMORY_COPIES = 3;

  /** The plan for training on {@code file} read with {@code spec} and {@code config}. */
  public static FilePlan of(Path file, DatasetSpec spec, StreamConfig config) {
    CsvDatasetReader.RowEstimate e = CsvDatasetReader.estimate(file, spec);
    long width = e.features() + e.classes() + 1L;
    long inMemory = e.rows() * width * 8 * IN_MEMORY_COPIES;
    long group = Math.min(config.bufferRows(), e.rows());
    long streaming = 2 * group * (width * 8 + 4L * e.features()) + 4L * config.chunkRows() * width;
    long heap = Runtime.getRuntime().maxMemory();
    boolean stream = switch (config.mode()) {
      case STREAM -> true;
      case MEMORY -> false;
      case AUTO -> inMemory > StreamConfig.AUTO_HEAP_SHARE * heap;
    };
    return new FilePlan(file, e, inMemory, streaming, heap, stream);
  }

  /** A few lines for people: rows, both memory needs, the heap and the choice. */
  public String describe() {
    return String.format(Locale.ROOT, "%s: %s%,d rows (%s), %d features, %d classes, %s on disk%n"
            + "in memory: about %s of heap for the rows%n"
            + "streamed:  about %s for the rows, whatever the file's size, plus a binary cache of about %s on disk%n"
            + "this JVM's heap: %s; %s",
        file, estimate.exact() ? "" : "~", estimate.rows(), estimate.exact() ? "counted" : "estimated from the first rows",
        estimate.features(), estimate.classes(), size(estimate.fileBytes()), size(inMemoryBytes), size(streamingBytes),
        size(estimate.rows() * 4L * (estimate.features() + estimate.classes() + 1)), size(heapBytes),
        stream ? "it would be streamed" : "it would be read into memory");
  }

  /** {@code bytes} in MiB or GiB. */
  static String size(long bytes) {
    double mib = bytes / (double) (1L << 20);
    return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
        : String.format(Locale.ROOT, "%.0f MiB", Math.max(1, mib));
  }
}
