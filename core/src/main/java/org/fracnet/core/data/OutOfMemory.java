package org.fracnet.core.data;

import java.util.Locale;
import org.fracnet.core.DataException;

/**
 * The message for a data set that does not fit in the heap: how far reading got, an estimate of
 * what the whole data set needs, the heap Java has, and how to give it more. Reading keeps every
 * value as a double, in arrays that double as they grow, and training copies them again, so the
 * advice is about three times the values' size.
 */
final class OutOfMemory {
  private static final long MB = 1L << 20;
  private static final long GB = 1L << 30;
  /** Heap advised per byte of values: growing arrays, the final copy and training's copies. */
  private static final int ADVISED_PER_BYTE = 3;

  private OutOfMemory() {}

  /**
   * The error after {@code rows} rows of about {@code bytesPerRow} bytes each were kept.
   *
   * @param source the file or data set
   * @param fileBytes the file's size, or -1 when not known
   * @param bytesRead how much of the file was read, or -1 when not known
   */
  static DataException error(String source, long fileBytes, long bytesRead, long rows, long bytesPerRow,
      OutOfMemoryError cause) {
    long heap = Runtime.getRuntime().maxMemory();
    StringBuilder m = new StringBuilder(source);
    boolean sized = fileBytes > 0 && bytesRead > 0 && rows > 0;
    if (fileBytes > 0) {
      m.append(" (").append(size(fileBytes)).append(")");
    }
    m.append(" does not fit in memory: the heap of ").append(size(heap)).append(" was full after ")
        .append(rows).append(" rows");
    long need;
    if (sized) {
      double share = Math.min(1, (double) bytesRead / fileBytes);
      long allRows = Math.max(rows, Math.round(rows / share));
      need = allRows * bytesPerRow;
      m.append(String.format(Locale.ROOT, ", about %d %% of the file; its %s%d rows need about %s for the values",
          Math.round(100 * share), allRows > rows ? "~" : "", allRows, size(need)));
    } else {
      need = rows * bytesPerRow; // at least: the advice below is then twice the heap
    }
    long advised = Math.max(1, (ADVISED_PER_BYTE * need + GB - 1) / GB);
    advised = Math.max(advised, (2 * heap + GB - 1) / GB);
    m.append("; give Java more memory, about ").append(advised).append(" GB: with the fracnet launcher"
        + " FRACNET_JAVA_OPTS=-Xmx").append(advised).append("g, with plain java: java -Xmx").append(advised)
        .append("g");
    return new DataException(m.toString(), cause);
  }

  /** {@code bytes} in MB or GB (binary units), for messages. */
  static String size(long bytes) {
    return bytes >= GB ? String.format(Locale.ROOT, "%.1f GB", (double) bytes / GB)
        : String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round((double) bytes / MB)));
  }
}
