package org.fracnet.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.fracnet.core.DataException;
import org.fracnet.core.OutputFileException;
import org.fracnet.core.io.AtomicFile;
import org.fracnet.core.io.IoErrors;

/**
 * A CSV file's valid rows in a binary cache on disk, written on one pass over the file and read
 * back a chunk at a time, so that training epochs after the first neither parse text nor hold the
 * file in memory.
 *
 * <p>Each row is stored as float32: its d features as read, its k fractions, its weight, in two
 * files, one for the training rows and one for the rows held out for validation (which side a row
 * goes to is decided during the pass, row by row, by a {@link Router}). Reading gives features
 * standardised with the mean and scale given, and fractions divided by their float32 sum, so each
 * row still sums to 1 in double precision.
 *
 * <p><b>When a cache is used.</b> Its description ({@code .json}) is written last, atomically, so an
 * interrupted pass leaves no cache that looks complete. It records the source file's absolute
 * path, size, modification time and the CRC32C of all its bytes, and the {@code settings} it was
 * built with (the column spec, the split); {@link #find} uses a cache only when all of them are
 * unchanged, computing the CRC of the file again each time, so a cache is never used for another
 * file or for the same file edited in place. A cache that does not match is rebuilt. The cache's
 * name is a hash of the path and settings, so caches of different files and settings live side by
 * side.
 */
public final class RowCache {
  /** Layout of the files; a cache written by another layout is rebuilt. */
  private static final int LAYOUT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WRITE_BUFFER = 1 << 20;

  /** Whether a row goes to the validation file. */
  @FunctionalInterface
  public interface Router {
    /**
     * Whether the row (valid, fractions already divided) is held out for validation; the arrays
     * are reused for the next row.
     */
    boolean heldOut(double[] features, double[] fractions, double weight);
  }

  private final Path trainFile;
  private final Path validationFile;
  private final String source;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final boolean weightsAreCounts;
  private final long trainRows;
  private final long validationRows;
  private final JsonNode extra;
  private final boolean reused;

  private RowCache(Path base, JsonNode description, boolean reused) {
    this.trainFile = sibling(base, ".train.f32");
    this.validationFile = sibling(base, ".validation.f32");
    this.source = description.get("source").asText();
    this.featureNames = strings(description.get("features"));
    this.classNames = strings(description.get("classes"));
    this.weightsAreCounts = description.get("weightsAreCounts").asBoolean();
    this.trainRows = description.get("trainRows").asLong();
    this.validationRows = description.get("validationRows").asLong();
    this.extra = description.get("extra");
    this.reused = reused;
  }

  /**
   * The cache of {@code file} read with {@code settings} in {@code directory}, if one is there and
   * still matches the file; else {@code null}.
   *
   * @param settings everything besides the file that decides the cached rows (spec, split), as text
   */
  public static RowCache find(Path directory, Path file, String settings) {
    Path base = base(directory, file, settings);
    Path description = sibling(base, ".json");
    if (!Files.isRegularFile(description)) {
      return null;
    }
    try {
      JsonNode saved = JSON.readTree(description.toFile());
      if (saved.path("layout").asInt() != LAYOUT || !saved.path("settings").asText().equals(settings)
          || !saved.path("file").toString().equals(fingerprint(file).toString())) { // as text: numbers read back narrower
        return null;
      }
      RowCache cache = new RowCache(base, saved, true);
      long rowBytes = 4L * (cache.featureNames.size() + cache.classNames.size() + 1);
      if (Files.size(cache.trainFile) != cache.trainRows * rowBytes
          || Files.size(cache.validationFile) != cache.validationRows * rowBytes) {
        return null;
      }
      return cache;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable or from another version: rebuilt
    }
  }

  /**
   * Reads every row of {@code file} once as {@code spec} says (checked as
   * {@link CsvDatasetReader#read} checks it), writes the cache in {@code directory}, and hands each
   * training row to {@code trainRows} (e.g. to gather statistics) on the way.
   *
   * @param settings everything besides the file that decides the cached rows, as text
   * @param router which rows are held out
   * @param trainSink receives each training row as it is written
   * @param extra what the caller wants kept with the cache (read back by {@link #extra}), asked for
   *     after the last row
   * @param warnings receives the reader's warnings
   * @throws DataException on invalid data, as the CSV reader
   * @throws OutputFileException when the cache cannot be written
   */
  public static RowCache build(Path directory, Path file, String settings, DatasetSpec spec, Router router,
      RowSink trainSink, java.util.function.Supplier<JsonNode> extra, Consumer<String> warnings) {
    Path base = base(directory, file, settings);
    Path descriptionFile = sibling(base, ".json");
    try {
      Files.createDirectories(directory);
      Files.deleteIfExists(descriptionFile); // no longer valid from here on
    } catch (IOException e) {
      throw new OutputFileException("the cache directory " + directory + " cannot be written: " + IoErrors.reason(e)
          + "; give another cache directory (StreamConfig.cacheDirectory) or free the disk", e);
    }
    JsonNode fingerprint;
    String[][] names = new String[2][];
    long[] counts = new long[2];
    boolean written = false;
    try (Writer train = new Writer(sibling(base, ".train.f32"));
        Writer validation = new Writer(sibling(base, ".validation.f32"))) {
      fingerprint = fingerprint(file);
      CsvDatasetReader.forEachRow(file, spec, warnings, (features, classes) -> {
        names[0] = features.toArray(String[]::new);
        names[1] = classes.toArray(String[]::new);
        return (x, p, w, id) -> {
          if (router.heldOut(x, p, w)) {
            validation.write(x, p, w);
            counts[1]++;
          } else {
            train.write(x, p, w);
            counts[0]++;
            trainSink.accept(x, p, w, id);
          }
        };
      });
      written = true;
    } catch (UncheckedIOException e) {
      throw new OutputFileException("the cache of " + file + " cannot be written in " + directory + ": "
          + IoErrors.reason(e.getCause()) + "; free the disk or give another cache directory"
          + " (StreamConfig.cacheDirectory)", e.getCause());
    } catch (IOException e) {
      throw new OutputFileException("the cache of " + file + " cannot be written in " + directory + ": "
          + IoErrors.reason(e) + "; free the disk or give another cache directory (StreamConfig.cacheDirectory)", e);
    } finally {
      if (!written) { // a bad row, a full disk or a stop: no half-written rows are left behind
        deleteQuietly(sibling(base, ".train.f32"));
        deleteQuietly(sibling(base, ".validation.f32"));
      }
    }
    if (counts[0] == 0) {
      throw new DataException(file + " has " + counts[1] + " valid rows, all held out for validation; give more"
          + " rows or a smaller validation fraction");
    }
    ObjectNode description = JSON.createObjectNode();
    description.put("layout", LAYOUT);
    description.put("settings", settings);
    description.set("file", fingerprint);
    description.put("source", file.getFileName().toString());
    description.set("features", JSON.valueToTree(names[0]));
    description.set("classes", JSON.valueToTree(names[1]));
    description.put("weightsAreCounts", spec.targetKind() == TargetKind.COUNTS);
    description.put("trainRows", counts[0]);
    description.put("validationRows", counts[1]);
    description.set("extra", extra.get());
    AtomicFile.write(descriptionFile, out -> out.write(JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(description)));
    return new RowCache(base, description, false);
  }

  /** Whether this cache was found ({@link #find}) rather than written now. */
  public boolean reused() {
    return reused;
  }

  /** The source file's name. */
  public String source() {
    return source;
  }

  /** The d feature names. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The k class names. */
  public List<String> classNames() {
    return classNames;
  }

  /** Whether the weights are the rows' counts. */
  public boolean weightsAreCounts() {
    return weightsAreCounts;
  }

  /** Training rows. */
  public long trainRows() {
    return trainRows;
  }

  /** Validation rows. */
  public long validationRows() {
    return validationRows;
  }

  /** Bytes on disk. */
  public long bytes() {
    return 4L * (featureNames.size() + classNames.size() + 1) * (trainRows + validationRows);
  }

  /** The training rows' file (for messages). */
  public Path trainFile() {
    return trainFile;
  }

  /** What the caller kept with the cache when it was built. */
  public JsonNode extra() {
    return extra;
  }

  /**
   * The training rows in chunks of {@code chunkRows}, features standardised as
   * {@code (x - mean) / scale}, read {@code groupChunks} chunks at a time when shuffled.
   */
  public ChunkedRows train(double[] mean, double[] scale, int chunkRows, int groupChunks) {
    return new CachedRows(source, trainFile, trainRows, mean, scale, chunkRows, groupChunks);
  }

  /** The validation rows as {@link #train} gives the training rows, or {@code null} when there are none. */
  public ChunkedRows validation(double[] mean, double[] scale, int chunkRows, int groupChunks) {
    return validationRows == 0 ? null
        : new CachedRows(source + " (validation rows)", validationFile, validationRows, mean, scale, chunkRows,
            groupChunks);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next build truncates it; nothing depends on its absence
    }
  }

  private static Path base(Path directory, Path file, String settings) {
    Path absolute = file.toAbsolutePath().normalize();
    String name = absolute.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    return directory.resolve(name + "-" + sha256(absolute + "\n" + settings).substring(0, 16));
  }

  private static Path sibling(Path base, String suffix) {
    return base.resolveSibling(base.getFileName() + suffix);
  }

  /** The file's path, size, modification time and the CRC32C of its bytes. */
  private static JsonNode fingerprint(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("path", file.toAbsolutePath().normalize().toString());
    node.put("size", Files.size(file));
    node.put("modified", Files.getLastModifiedTime(file).toMillis());
    node.put("crc32c", Long.toHexString(crc.getValue()));
    return node;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  /** Appends rows of float32 to a file through one buffer. */
  private static final class Writer implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);

    Writer(Path file) throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    }

    void write(double[] x, double[] p, double w) {
      if (buffer.remaining() < 4 * (x.length + p.length + 1)) {
        flush();
      }
      for (double v : x) {
        buffer.putFloat((float) v);
      }
      for (double v : p) {
        buffer.putFloat((float) v);
      }
      buffer.putFloat((float) w);
    }

    private void flush() {
      buffer.flip();
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        channel.close();
      }
    }
  }

  /**
   * Rows of one cache file, a chunk at a time. {@link #read} fills buffers it keeps for the next
   * read of as many rows, so the data set it returns is valid until the next call.
   */
  private final class CachedRows implements ChunkedRows {
    private final String name;
    private final Path file;
    private final int rows;
    private final double[] mean;
    private final double[] scale;
    private final int chunkRows;
    private final int groupChunks;
    private final int d = featureNames.size();
    private final int k = classNames.size();
    private final double[] inverseScale;
    private ByteBuffer bytes;
    private float[] values; // one chunk's floats, copied out of the buffer in bulk
    private double[][] arrays; // x, p, w of the last read

    CachedRows(String name, Path file, long rows, double[] mean, double[] scale, int chunkRows, int groupChunks) {
      if (rows > Integer.MAX_VALUE) {
        throw new DataException(source + " has " + rows + " rows; training reads at most " + Integer.MAX_VALUE);
      }
      this.name = name;
      this.file = file;
      this.rows = (int) rows;
      this.mean = mean;
      this.scale = scale;
      this.chunkRows = chunkRows;
      this.groupChunks = Math.max(1, groupChunks);
      this.inverseScale = new double[scale.length];
      for (int j = 0; j < scale.length; j++) {
        inverseScale[j] = 1 / scale[j];
      }
    }

    @Override
    public String source() {
      return name;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public int featureCount() {
      return d;
    }

    @Override
    public int classCount() {
      return k;
    }

    @Override
    public int chunks() {
      return (int) ((rows + (long) chunkRows - 1) / chunkRows);
    }

    @Override
    public int chunkRows(int chunk) {
      return (int) Math.min(chunkRows, rows - (long) chunk * chunkRows);
    }

    @Override
    public int groupChunks() {
      return groupChunks;
    }

    @Override
    public Dataset read(int[] chunks) {
      int n = 0;
      for (int c : chunks) {
        n += chunkRows(c);
      }
      if (arrays == null || arrays[2].length != n) {
        arrays = new double[][] {new double[n * d], new double[n * k], new double[n]};
      }
      double[] x = arrays[0];
      double[] p = arrays[1];
      double[] w = arrays[2];
      int width = d + k + 1;
      int at = 0;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        for (int c : chunks) {
          int m = chunkRows(c);
          int size = m * width * 4;
          if (bytes == null || bytes.capacity() < size) {
            bytes = ByteBuffer.allocateDirect(chunkRows * width * 4).order(ByteOrder.LITTLE_ENDIAN);
            values = new float[chunkRows * width];
          }
          bytes.clear().limit(size);
          long position = (long) c * chunkRows * width * 4;
          while (bytes.hasRemaining()) {
            if (channel.read(bytes, position + bytes.position()) < 0) {
              throw new IOException("the file ends early");
            }
          }
          bytes.flip();
          bytes.asFloatBuffer().get(values, 0, m * width); // in bulk: the loops below then run on an array
          float[] v = values;
          for (int r = 0; r < m; r++, at++) {
            int o = r * width;
            int xo = at * d;
            for (int j = 0; j < d; j++) {
              x[xo + j] = (v[o + j] - mean[j]) * inverseScale[j];
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
              sum += v[o + d + j];
            }
            for (int j = 0; j < k; j++) {
              p[at * k + j] = v[o + d + j] / sum;
            }
            w[at] = v[o + d + k];
          }
        }
      } catch (IOException e) {
        throw new DataException("the cache " + file + " of " + source + " cannot be read: " + IoErrors.reason(e)
            + "; delete it to have it written again", e);
      }
      return new Dataset(name, new RowValidation.Rows(n, x, p, w, null), weightsAreCounts,
          new RowValidation.Columns(featureNames, classNames, null, null));
    }
  }
}
