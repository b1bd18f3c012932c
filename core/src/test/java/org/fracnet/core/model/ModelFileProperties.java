package org.fracnet.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fracnet.core.model.ModelZips.MODEL_JSON;
import static org.fracnet.core.model.ModelZips.WEIGHTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.OptimizerState;
import org.fracnet.core.training.TrainingCheckpoint;

/**
 * Fuzzing the model-file reader: a valid model file (the 2-3-2 network of
 * {@link TestModels#small()}) is damaged at random, as bytes (bits flipped, cut short, bytes
 * inserted or deleted), and, re-zipped so that the zip's checksums hold and the damage reaches the
 * checks of the contents, as {@code model.json} or safetensors header values replaced, removed or
 * renamed, or bits flipped inside an entry. Whatever the damage, reading either gives a model that
 * predicts finite fractions summing to 1, or a {@link FracnetException} whose message is one line,
 * names the file and names no Java class; never another exception, never a hang. A checkpoint
 * file, damaged as bytes, likewise.
 *
 * <p>The seeds are fixed, and each property makes jqwik's default number of tries (1000): the
 * class takes about 10 seconds. A longer run goes on from the same first cases to new ones:
 * {@code mvn -o test -pl core -Dtest=ModelFileProperties -Djqwik.tries.default=100000} (jqwik
 * reads its settings from system properties too); to explore other cases, change the seeds. A
 * failure is reported with the smallest damage found, shrunk from the one that failed.
 */
class ModelFileProperties {
  /** A Java class or package name, or an exception's class name, in a message. */
  static final Pattern JAVA_NAME = Pattern.compile("\\b(java|javax|org|com)\\.[a-z]+\\.|[A-Z][a-zA-Z]+Exception");
  private static final byte[] VALID = ModelZips.saved(TestModels.small());
  private static final byte[] JSON_BYTES = ModelZips.entries(VALID).get(MODEL_JSON);
  private static final byte[] WEIGHT_BYTES = ModelZips.entries(VALID).get(WEIGHTS);
  private static final JsonNode MODEL_TREE = ModelZips.tree(JSON_BYTES);
  private static final JsonNode HEADER_TREE = ModelZips.tree(Arrays.copyOfRange(WEIGHT_BYTES, 8,
      8 + ModelZips.headerLength(WEIGHT_BYTES)));
  private static final byte[] CHECKPOINT = checkpoint();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Path DIR;
  private static final AtomicLong FILES = new AtomicLong();
  private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "model-file-reader");
    t.setDaemon(true);
    return t;
  });

  static {
    try {
      DIR = Files.createTempDirectory("model-fuzz");
      DIR.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] checkpoint() {
    try {
      Path file = Files.createTempFile("checkpoint", ".zip");
      CheckpointFile.write(file, new TrainingCheckpoint(2, List.of(new float[] {1, 2}, new float[] {3}),
          List.of(new float[] {4, 5}, new float[] {6}), 1, 0.5, 1, 0.25, 20, 99,
          new OptimizerState(4, Map.of("m", new float[] {0.1f, 0.2f, 0.3f}))), TestModels.run(1, 5, "constant"));
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What to do to a value in a JSON tree. */
  enum Edit { REPLACE, REMOVE, RENAME, APPEND }

  @Property(seed = "13")
  void flippedBits(@ForAll("bitsOfTheFile") List<Integer> bits) {
    loadsOrIsRefusedCleanly(flipped(VALID, bits));
  }

  @Property(seed = "13")
  void cutShort(@ForAll("lengthsOfTheFile") int length) {
    loadsOrIsRefusedCleanly(Arrays.copyOf(VALID, length));
  }

  @Property(seed = "13")
  void bytesInsertedOrDeleted(@ForAll("lengthsOfTheFile") int at, @ForAll @Size(max = 9) byte[] inserted,
      @ForAll @IntRange(max = 9) int deleted) {
    byte[] out = new byte[VALID.length + inserted.length - Math.min(deleted, VALID.length - at)];
    System.arraycopy(VALID, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    int rest = Math.max(0, VALID.length - at - deleted);
    System.arraycopy(VALID, VALID.length - rest, out, at + inserted.length, rest);
    loadsOrIsRefusedCleanly(out);
  }

  @Property(seed = "13")
  void modelJsonValuesAltered(@ForAll("slotsOfModelJson") int slot, @ForAll Edit edit,
      @ForAll("jsonValues") JsonNode value, @ForAll("keys") String key) {
    JsonNode tree = edited(MODEL_TREE, slot, edit, value, key);
    loadsOrIsRefusedCleanly(ModelZips.withEntry(VALID, MODEL_JSON, b -> tree.toPrettyString().getBytes(StandardCharsets.UTF_8)));
  }

  @Property(seed = "13")
  void safetensorsHeaderValuesAltered(@ForAll("slotsOfTheHeader") int slot, @ForAll Edit edit,
      @ForAll("jsonValues") JsonNode value, @ForAll("keys") String key) {
    JsonNode tree = edited(HEADER_TREE, slot, edit, value, key);
    loadsOrIsRefusedCleanly(ModelZips.withEntry(VALID, WEIGHTS,
        st -> ModelZips.withHeaderBytes(st, tree.toString().getBytes(StandardCharsets.UTF_8))));
  }

  @Property(seed = "13")
  void bitsFlippedInsideModelJson(@ForAll("bitsOfModelJson") List<Integer> bits) {
    loadsOrIsRefusedCleanly(ModelZips.withEntry(VALID, MODEL_JSON, b -> flipped(b, bits)));
  }

  @Property(seed = "13")
  void bitsFlippedInsideTheWeights(@ForAll("bitsOfTheWeights") List<Integer> bits) {
    loadsOrIsRefusedCleanly(ModelZips.withEntry(VALID, WEIGHTS, b -> flipped(b, bits)));
  }

  @Property(seed = "13")
  void checkpointsDamaged(@ForAll("bitsOfTheCheckpoint") List<Integer> bits, @ForAll boolean cut,
      @ForAll("lengthsOfTheCheckpoint") int length) {
    byte[] damaged = flipped(CHECKPOINT, cut ? List.of() : bits);
    readsOrIsRefusedCleanly(cut ? Arrays.copyOf(damaged, length) : damaged, CheckpointFile::read,
        saved -> assertThat(saved.checkpoint().weights()).hasSize(2));
  }

  @Provide
  Arbitrary<List<Integer>> bitsOfTheCheckpoint() {
    return bits(CHECKPOINT.length);
  }

  @Provide
  Arbitrary<Integer> lengthsOfTheCheckpoint() {
    return Arbitraries.integers().between(0, CHECKPOINT.length);
  }

  @Provide
  Arbitrary<List<Integer>> bitsOfTheFile() {
    return bits(VALID.length);
  }

  @Provide
  Arbitrary<List<Integer>> bitsOfModelJson() {
    return bits(JSON_BYTES.length);
  }

  @Provide
  Arbitrary<List<Integer>> bitsOfTheWeights() {
    return bits(WEIGHT_BYTES.length);
  }

  private static Arbitrary<List<Integer>> bits(int bytes) {
    return Arbitraries.integers().between(0, 8 * bytes - 1).list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Integer> lengthsOfTheFile() {
    return Arbitraries.integers().between(0, VALID.length);
  }

  @Provide
  Arbitrary<Integer> slotsOfModelJson() {
    return Arbitraries.integers().between(0, slots(MODEL_TREE).size() - 1);
  }

  @Provide
  Arbitrary<Integer> slotsOfTheHeader() {
    return Arbitraries.integers().between(0, slots(HEADER_TREE).size() - 1);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(Arbitraries.of("layers.0.weight", "layers.1.bias", "layers.2.bias", "__metadata__",
        "format_version", "inputs", "shape", "data_offsets", "dtype", "id", "mean"), Arbitraries.strings().ofMaxLength(6));
  }

  @Provide
  Arbitrary<JsonNode> jsonValues() {
    Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 12).map(NODES::numberNode),
        Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 28, (1 << 28) + 1, 268_435_455).map(NODES::numberNode),
        Arbitraries.of(1L << 31, 1L << 32, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE, -(1L << 40)).map(NODES::numberNode),
        Arbitraries.of(BigInteger.TEN.pow(30), BigInteger.TEN.pow(30).negate()).map(NODES::numberNode),
        Arbitraries.of(0.0, -0.0, 0.5, -1.5, 2.0, 1e-300, 1e300, -1e300, 3.4e38, Double.MIN_VALUE).map(NODES::numberNode));
    Arbitrary<JsonNode> texts = Arbitraries.oneOf(
        Arbitraries.of("", "F32", "F16", "I64", "relu", "tanh", "identity", "softmax-test", "fracnet-model", "NaN",
            "Infinity", "-Infinity", "1", "x1", "a", "layers.0.weight").map(NODES::textNode),
        Arbitraries.strings().ofMaxLength(8).map(NODES::textNode));
    Arbitrary<JsonNode> lists = Arbitraries.integers().between(-2, 70).list().ofMaxSize(4).map(items -> {
      ArrayNode list = NODES.arrayNode();
      items.forEach(list::add);
      return list;
    });
    return Arbitraries.oneOf(numbers, texts, lists, Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true),
        NODES.booleanNode(false), NODES.objectNode(), NODES.arrayNode()));
  }

  /** A place in a JSON tree: a field of an object, or an element of a list. */
  private record Slot(JsonNode parent, String field, int index) {}

  private static List<Slot> slots(JsonNode tree) {
    List<Slot> out = new ArrayList<>();
    collect(tree, out);
    return out;
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        out.add(new Slot(node, name, -1));
        collect(node.get(name), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(node, null, i));
        collect(node.get(i), out);
      }
    }
  }

  /** A copy of {@code template} with {@code edit} applied at its {@code slot}-th place. */
  private static JsonNode edited(JsonNode template, int slot, Edit edit, JsonNode value, String key) {
    JsonNode tree = template.deepCopy();
    Slot s = slots(tree).get(slot);
    if (s.parent() instanceof ObjectNode object) {
      switch (edit) {
        case REPLACE -> object.set(s.field(), value.deepCopy());
        case REMOVE -> object.remove(s.field());
        case RENAME -> object.set(key, object.remove(s.field()));
        case APPEND -> object.set(key, value.deepCopy());
        default -> throw new AssertionError(edit);
      }
    } else {
      ArrayNode list = (ArrayNode) s.parent();
      switch (edit) {
        case REPLACE, RENAME -> list.set(s.index(), value.deepCopy());
        case REMOVE -> list.remove(s.index());
        case APPEND -> list.add(value.deepCopy());
        default -> throw new AssertionError(edit);
      }
    }
    return tree;
  }

  private static byte[] flipped(byte[] bytes, List<Integer> bits) {
    byte[] out = bytes.clone();
    for (int bit : bits) {
      out[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return out;
  }

  /**
   * Reads {@code bytes} as a model file: it must load and predict finite fractions summing to 1
   * for a sample row, or be refused with a clean message, within 10 seconds.
   */
  static void loadsOrIsRefusedCleanly(byte[] bytes) {
    readsOrIsRefusedCleanly(bytes, file -> ModelFile.read(file, TestModels.losses()), m -> {
      int d = m.featureNames().size();
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = j % 2 == 0 ? 3 : -2;
      }
      double[] q = m.predict(1, x);
      assertThat(q).hasSize(m.classNames().size());
      assertThat(Arrays.stream(q).allMatch(v -> v >= 0 && v <= 1)).as("fractions in [0, 1]: %s", Arrays.toString(q)).isTrue();
      assertThat(Arrays.stream(q).sum()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
    });
  }

  /**
   * Writes {@code bytes} to a file and reads it with {@code read}, on another thread, within 10
   * seconds: the result goes to {@code whenRead}; a {@link FracnetException} must have a clean
   * message; any other exception fails.
   */
  private static <T> void readsOrIsRefusedCleanly(byte[] bytes, Function<Path, T> read, Consumer<T> whenRead) {
    // A new file each time: overwriting one costs milliseconds (ext4 flushes a file truncated to 0).
    Path file = ModelZips.write(DIR.resolve("file-" + FILES.incrementAndGet() + ".zip"), bytes);
    Future<?> done = READER.submit(() -> {
      T result;
      try {
        result = read.apply(file);
      } catch (FracnetException e) {
        assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n", "\r", "[Source:", ": null")
            .doesNotContainPattern(JAVA_NAME);
        return;
      }
      whenRead.accept(result);
    });
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      done.cancel(true);
      throw new AssertionError("reading took more than 10 seconds", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
