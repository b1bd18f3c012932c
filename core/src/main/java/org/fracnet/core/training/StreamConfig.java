package org.fracnet.core.training;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.fracnet.core.SettingsException;

/**
 * How a file is trained on: read into memory, or streamed through a binary cache a chunk at a time
 * (for files larger than the heap), and the streaming's settings. Defaults are defined here once;
 * see {@link org.fracnet.core.Fracnet#train(Path, org.fracnet.core.data.DatasetSpec, TrainingConfig,
 * StreamConfig, TrainingListener, StopSignal, java.util.function.Consumer)} and docs/scale.md.
 *
 * @param mode memory, stream, or auto (stream when the file would not fit; the default)
 * @param cacheDirectory where the binary cache of a streamed file is kept
 * @param chunkRows rows per chunk of the cache (the unit the chunk order is shuffled in)
 * @param groupChunks chunks read and shuffled together (the shuffle buffer is
 *     {@code chunkRows x groupChunks} rows)
 */
public record StreamConfig(Mode mode, Path cacheDirectory, int chunkRows, int groupChunks) {
  /** Rows per chunk. */
  public static final int DEFAULT_CHUNK_ROWS = 8192;
  /** Chunks per shuffle group: a buffer of 131,072 rows. */
  public static final int DEFAULT_GROUP_CHUNKS = 16;
  /**
   * In auto mode, a file streams when reading it into memory would take more than this share of
   * the heap (Java's -Xmx).
   */
  public static final double AUTO_HEAP_SHARE = 0.5;

  /** Where a file's rows are kept while training. */
  public enum Mode {
    /** Stream when the file would not fit in memory ({@link #AUTO_HEAP_SHARE}), else read it into memory. */
    AUTO,
    /** Read the whole file into memory (all features of all rows, as doubles). */
    MEMORY,
    /** Stream through the binary cache, in bounded memory whatever the file's size. */
    STREAM;

    /** The id used in settings and flags: {@code auto}, {@code memory}, {@code stream}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of id {@code id}. */
    public static Mode of(String id) {
      for (Mode m : values()) {
        if (m.id().equals(id)) {
          return m;
        }
      }
      throw new SettingsException("StreamConfig.mode '" + id + "' is not one of auto, memory, stream");
    }
  }

  /** Checks the settings. */
  public StreamConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    if (chunkRows < 1 || groupChunks < 1) {
      throw new SettingsException("StreamConfig.chunkRows (" + chunkRows + ") and StreamConfig.groupChunks ("
          + groupChunks + ") must be at least 1");
    }
  }

  /** Auto mode, the default cache directory, the default chunking. */
  public static StreamConfig defaults() {
    return new StreamConfig(Mode.AUTO, defaultCacheDirectory(), DEFAULT_CHUNK_ROWS, DEFAULT_GROUP_CHUNKS);
  }

  /**
   * {@code $XDG_CACHE_HOME/fracnet}, or {@code ~/.cache/fracnet} when that variable is not set.
   */
  public static Path defaultCacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("fracnet");
  }

  /** A copy with {@code mode}. */
  public StreamConfig withMode(Mode mode) {
    return new StreamConfig(mode, cacheDirectory, chunkRows, groupChunks);
  }

  /** A copy with {@code directory} for the cache. */
  public StreamConfig withCacheDirectory(Path directory) {
    return new StreamConfig(mode, directory, chunkRows, groupChunks);
  }

  /** A copy with {@code chunkRows} rows per chunk and {@code groupChunks} chunks per group. */
  public StreamConfig withChunks(int chunkRows, int groupChunks) {
    return new StreamConfig(mode, cacheDirectory, chunkRows, groupChunks);
  }

  /** Rows read and shuffled together. */
  public long bufferRows() {
    return (long) chunkRows * groupChunks;
  }
}
