package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.fracnet.core.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary cache of a streamed file: what it holds, when it is reused, and when it is not. */
class RowCacheTest {
  private static final DatasetSpec SPEC = DatasetSpec.fractions("y*");
  /** Holds out every fifth row of one pass. */
  private static RowCache.Router everyFifth() {
    int[] row = {0};
    return (features, fractions, weight) -> row[0]++ % 5 == 4;
  }

  @TempDir
  Path dir;

  /** {@code rows} rows of 3 features and 3 fractions (written with 4 decimals), optionally gzipped. */
  private Path write(String name, int rows, long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder text = new StringBuilder("a,b,c,y1,y2,y3\n");
    for (int i = 0; i < rows; i++) {
      double y1 = Math.round(rng.nextDouble() * 5000) / 10000.0;
      double y2 = Math.round(rng.nextDouble() * 4000) / 10000.0;
      text.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d,%.4f,%.4f,%.4f%n", rng.nextGaussian() * 3 + 10,
          rng.nextDouble(), rng.nextInt(2), y1, y2, Math.round((1 - y1 - y2) * 10000) / 10000.0));
    }
    Path file = dir.resolve(name);
    try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private RowCache build(Path file, String settings, List<double[]> trainRows) {
    return RowCache.build(dir.resolve("cache"), file, settings, SPEC, everyFifth(),
        (x, p, w, id) -> trainRows.add(concat(x, p)), () -> JsonNodeFactory.instance.textNode("kept"), m -> { });
  }

  private static double[] concat(double[] x, double[] p) {
    double[] row = new double[x.length + p.length];
    System.arraycopy(x, 0, row, 0, x.length);
    System.arraycopy(p, 0, row, x.length, p.length);
    return row;
  }

  @Test
  void holdsEveryValidRowAsFloat32AndReadsChunksBackStandardisedWithFractionsSummingToOne() throws IOException {
    Path file = write("data.csv.gz", 1003, 1);
    List<double[]> seen = new ArrayList<>();
    RowCache cache = build(file, "s", seen);
    Dataset inMemory = Dataset.readCsv(file, SPEC);

    assertThat(cache.reused()).isFalse();
    assertThat(cache.trainRows() + cache.validationRows()).isEqualTo(1003);
    assertThat(cache.validationRows()).isEqualTo(200); // rows 5, 10, ... 1000
    assertThat(seen).hasSize(803);
    assertThat(cache.featureNames()).containsExactly("a", "b", "c");
    assertThat(cache.extra().asText()).isEqualTo("kept");

    double[] mean = {10, 0.5, 0};
    double[] scale = {3, 0.25, 1};
    ChunkedRows train = cache.train(mean, scale, 100, 3);
    assertThat(train.chunks()).isEqualTo(9);
    assertThat(train.chunkRows(8)).isEqualTo(3);
    Dataset last = train.read(new int[] {8, 0});
    assertThat(last.rows()).isEqualTo(103);
    // chunk 8 holds training rows 800..802: file rows 1000..1002 (0-based), after 800 kept and 200 held out
    int fileRow = 1000;
    for (int j = 0; j < 3; j++) {
      double raw = inMemory.features()[fileRow * 3 + j];
      assertThat(last.features()[j]).isCloseTo(((float) raw - mean[j]) / scale[j], within(1e-12));
    }
    for (int i = 0; i < last.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        sum += last.targets()[i * 3 + j];
      }
      assertThat(sum).isCloseTo(1, within(1e-15));
    }
    ChunkedRows validation = cache.validation(mean, scale, 64, 2);
    assertThat(validation.rows()).isEqualTo(200);
    assertThat(validation.read(new int[] {0}).rows()).isEqualTo(64);
  }

  @Test
  void isReusedWhileTheFileAndSettingsAreUnchangedAndRebuiltOtherwise() throws IOException {
    Path file = write("data.csv", 300, 2);
    build(file, "s", new ArrayList<>());
    Path cacheDir = dir.resolve("cache");

    RowCache again = RowCache.find(cacheDir, file, "s");
    assertThat(again).isNotNull();
    assertThat(again.reused()).isTrue();
    assertThat(again.trainRows()).isEqualTo(240);
    assertThat(RowCache.find(cacheDir, file, "other settings")).isNull();

    // the same size and modification time, one digit changed: the CRC tells
    FileTime modified = Files.getLastModifiedTime(file);
    String text = Files.readString(file);
    int at = text.indexOf('\n') + 2;
    char changed = text.charAt(at) == '1' ? '2' : '1';
    Files.writeString(file, text.substring(0, at) + changed + text.substring(at + 1));
    Files.setLastModifiedTime(file, modified);
    assertThat(Files.size(file)).isEqualTo(text.length());
    assertThat(RowCache.find(cacheDir, file, "s")).isNull();

    // another file at the same path with other rows
    write("data.csv", 301, 3);
    assertThat(RowCache.find(cacheDir, file, "s")).isNull();
    assertThat(build(file, "s", new ArrayList<>()).trainRows()).isEqualTo(241);
    assertThat(RowCache.find(cacheDir, file, "s")).isNotNull();
  }

  @Test
  void aCacheWhoseDescriptionIsMissingOrWhoseRowsAreCutIsNotUsed() throws IOException {
    Path file = write("data.csv", 300, 4);
    RowCache cache = build(file, "s", new ArrayList<>());
    Path cacheDir = dir.resolve("cache");
    // a cut file of rows, as a full disk or a killed process leaves it
    try (var channel = java.nio.channels.FileChannel.open(cache.trainFile(), java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(cache.trainFile()) - 4);
    }
    assertThat(RowCache.find(cacheDir, file, "s")).isNull();
    // the description is written last: without it there is no cache
    try (var files = Files.list(cacheDir)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.delete(p);
      }
    }
    assertThat(RowCache.find(cacheDir, file, "s")).isNull();
  }

  @Test
  void anInvalidRowFailsTheBuildAsTheReaderWouldAndLeavesNoCache() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,y1,y2\n1,0.5,0.5\n2,0.7,0.7\n");
    assertThatThrownBy(() -> build(file, "s", new ArrayList<>()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("bad.csv line 3").hasMessageContaining("sum to 1.4");
    assertThat(RowCache.find(dir.resolve("cache"), file, "s")).isNull();
    try (var left = Files.list(dir.resolve("cache"))) {
      assertThat(left.toList()).as("no half-written rows").isEmpty();
    }
  }
}
