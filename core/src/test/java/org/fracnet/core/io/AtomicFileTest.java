package org.fracnet.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.fracnet.core.DataException;
import org.fracnet.core.OutputFileException;
import org.fracnet.core.model.Model;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.model.TestModels;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.training.TrainingSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir
  Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("model.zip");
    Files.writeString(file, "the previous model");
    assertThatThrownBy(() -> AtomicFile.write(file, out -> {
      out.write(new byte[200_000]); // past the buffer: part of it reached the temporary file
      throw new IOException("the input went away");
    })).isInstanceOf(OutputFileException.class)
        .hasMessage(file + " was not written, because the input went away; the previous model.zip is unchanged");
    assertThat(Files.readString(file)).isEqualTo("the previous model");
    assertThat(names()).containsExactly("model.zip");
  }

  @Test
  void anExceptionOfTheContentPassesThroughAndLeavesThePreviousFile() throws IOException {
    Path file = dir.resolve("predictions.csv");
    Files.writeString(file, "a,b\n");
    DataException bad = new DataException("data.csv, line 3: x is not a number");
    assertThatThrownBy(() -> AtomicFile.write(file, out -> {
      out.write("c,d\n".getBytes(StandardCharsets.UTF_8));
      throw bad;
    })).isSameAs(bad);
    assertThat(Files.readString(file)).isEqualTo("a,b\n");
    assertThat(names()).containsExactly("predictions.csv");
  }

  @Test
  void aFileInTheWayOfTheFolderIsNamed() throws IOException {
    Files.writeString(dir.resolve("results"), "");
    Path file = dir.resolve("results").resolve("index.html");
    assertThatThrownBy(() -> AtomicFile.write(file, out -> out.write(1))).isInstanceOf(OutputFileException.class)
        .hasMessage(file + " cannot be written: " + dir.resolve("results") + " is a file, not a folder; name a file"
            + " in a folder");
  }

  @Test
  void unfinishedWritesAreAbandonedOnRequestAndLeaveThePreviousFile() throws Exception {
    Path file = dir.resolve("model.zip.checkpoint");
    Files.writeString(file, "epoch 3");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch abandoned = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> write = pool.submit(() -> AtomicFile.write(file, out -> {
        out.write(new byte[100_000]);
        writing.countDown();
        try {
          abandoned.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        out.write(new byte[100_000]);
      }));
      writing.await();
      assertThat(names()).hasSize(2); // the file and the temporary one
      AtomicFile.deleteUnfinished();
      abandoned.countDown();
      assertThatThrownBy(write::get).hasCauseInstanceOf(OutputFileException.class);
    } finally {
      pool.shutdownNow();
    }
    assertThat(Files.readString(file)).isEqualTo("epoch 3");
    assertThat(names()).containsExactly("model.zip.checkpoint");
  }

  @Test
  void concurrentWritersLeaveOneWholeFileAndReadersNeverSeeAMix() throws Exception {
    Path file = dir.resolve("out.bin");
    byte[] a = randomBytes(1, 1 << 20);
    byte[] b = randomBytes(2, 1 << 20);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (byte[] content : List.of(a, b)) {
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 15; i++) {
            AtomicFile.write(file, out -> out.write(content));
          }
          return null;
        }));
      }
      Future<Integer> reader = pool.submit(() -> {
        int reads = 0;
        while (writing.get()) {
          if (Files.exists(file)) {
            byte[] seen = Files.readAllBytes(file);
            assertThat(Arrays.equals(seen, a) || Arrays.equals(seen, b)).as("a whole file").isTrue();
            reads++;
          }
        }
        return reads;
      });
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      pool.shutdownNow();
    }
    byte[] last = Files.readAllBytes(file);
    assertThat(Arrays.equals(last, a) || Arrays.equals(last, b)).isTrue();
    assertThat(names()).containsExactly("out.bin");
  }

  @Test
  void twoModelsSavedAtOnceToOneFileLeaveOneOfThemWhole() throws Exception {
    Model first = wideModel(1);
    Model second = wideModel(2);
    first.save(dir.resolve("first.zip"));
    second.save(dir.resolve("second.zip"));
    byte[] firstBytes = Files.readAllBytes(dir.resolve("first.zip"));
    byte[] secondBytes = Files.readAllBytes(dir.resolve("second.zip"));
    assertThat(firstBytes).isNotEqualTo(secondBytes);
    Path file = dir.resolve("model.zip");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> saves = new ArrayList<>();
      for (Model m : List.of(first, second)) {
        saves.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            m.save(file);
          }
          return null;
        }));
      }
      for (Future<?> s : saves) {
        s.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    byte[] left = Files.readAllBytes(file);
    assertThat(Arrays.equals(left, firstBytes) || Arrays.equals(left, secondBytes)).as("one whole model").isTrue();
    Model loaded = Model.load(file, TestModels.losses());
    assertThat(loaded.featureNames()).containsExactly("x1", "x2");
    assertThat(names()).containsExactly("first.zip", "model.zip", "second.zip");
  }

  private static byte[] randomBytes(long seed, int n) {
    byte[] bytes = new byte[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /** A 2-20000-2 network (about 400 KB of weights), its weights drawn from {@code seed}. */
  private static Model wideModel(long seed) {
    int hidden = 20_000;
    NetworkSpec net = new NetworkSpec("mlp", List.of(new DenseLayerSpec(2, hidden, Activation.TANH),
        new DenseLayerSpec(hidden, 2, Activation.IDENTITY)));
    SplittableRandom random = new SplittableRandom(seed);
    List<float[]> weights = new ArrayList<>();
    for (int size : new int[] {2 * hidden, hidden, hidden * 2, 2}) {
      float[] w = new float[size];
      for (int i = 0; i < size; i++) {
        w[i] = (float) random.nextGaussian();
      }
      weights.add(w);
    }
    return new Model(net, weights, new Standardization(new double[] {0, 0}, new double[] {1, 1}),
        List.of("x1", "x2"), List.of("a", "b"), null,
        new TestModels.SoftmaxLossProvider().create(Parameters.of("loss softmax-test", Map.of()),
            TargetStatistics.uniform(2)),
        TestModels.run(seed, 10, "constant"), new TrainingSummary(1, 1, 1, 1, 0.5, 0.5, "max epochs"));
  }
}
