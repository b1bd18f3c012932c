package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One corpus of malformed inputs and damaged model files, each run through the shaded CLI as a
 * user would: every one must exit 2 with a single line on stderr, no usage block and no stack
 * trace, naming the file (and the line and column where there is one), and must write nothing.
 */
class MalformedCorpusIT {
  /** A Java class name or a stack frame: never in a message a user reads. */
  private static final Pattern JAVA_NAMES = Pattern.compile(
      "\\b(java|javax|jdk|sun|org|com)\\.[a-z]+\\.|[A-Z][A-Za-z]+(Exception|Error)\\b|\\tat ");

  private static final String GOOD = "f1,f2,y1,y2,y3\n0.1,1.0,0.2,0.3,0.5\n0.5,2.0,0.6,0.2,0.2\n"
      + "0.9,0.5,0.1,0.1,0.8\n0.3,1.5,0.4,0.4,0.2\n0.7,0.2,0.3,0.6,0.1\n";

  @TempDir
  static Path shared;
  static Path goodModel;
  static Path goodData;

  /** A malformed input: the file's name and bytes, the command (FILE stands for the file) and what the message must contain. */
  record Case(String name, String file, byte[] bytes, List<String> args, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void trainAGoodModel() throws Exception {
    goodData = shared.resolve("good.csv");
    Files.writeString(goodData, GOOD);
    goodModel = shared.resolve("good.zip");
    Cli.run(shared, "train", "--data", goodData.toString(), "--targets", "y*", "--arch", "linear",
        "--epochs", "2", "--validation", "0", "--quiet", "--out", goodModel.toString()).expectSuccess();
  }

  static Stream<Case> malformedInputs() throws IOException {
    List<Case> c = new ArrayList<>();
    // Shape and header.
    c.add(train("ragged row", "f,y1,y2\n1,0.5,0.5\n2,0.5\n", "line 3", "2 values"));
    c.add(train("too many values", "f,y1,y2\n1,0.5,0.5,7\n", "line 2", "4 values"));
    c.add(train("empty file", "", "is empty"));
    c.add(train("header only", "f,y1,y2\n", "no data rows"));
    c.add(train("blank line inside", "f,y1,y2\n1,0.5,0.5\n\n2,0.5,0.5\n", "line 3", "empty"));
    c.add(train("duplicated header name", "f,y1,y1\n1,0.5,0.5\n", "line 1", "y1"));
    c.add(train("empty header name", "f,,y1,y2\n1,2,0.5,0.5\n", "line 1", "column 2"));
    c.add(train("unclosed quote", "f,y1,y2\n1,0.5,0.5\n\"2,0.5,0.5\n", "line 3"));
    c.add(train("text after a closing quote", "f,y1,y2\n1,0.5,0.5\n\"2\"x,0.5,0.5\n", "line 3"));
    // Cells.
    c.add(train("feature not a number", "f,y1,y2\n1,0.5,0.5\nx1,0.5,0.5\n", "line 3", "column f", "x1"));
    c.add(train("feature empty", "f,y1,y2\n1,0.5,0.5\n,0.5,0.5\n", "line 3", "column f"));
    c.add(train("feature NaN", "f,y1,y2\nNaN,0.5,0.5\n", "line 2", "column f", "NaN"));
    c.add(train("feature overflows a double", "f,y1,y2\n1e400,0.5,0.5\n", "line 2", "column f", "1e400"));
    c.add(train("feature column of text", "city,f,y1,y2\nParis,1,0.5,0.5\nLyon,2,0.5,0.5\n", "line 2", "column city",
        "Paris"));
    c.add(train("target of text", "f,y1,y2\n1,cat,0.5\n", "line 2", "column y1", "cat"));
    c.add(train("target infinite", "f,y1,y2\n1,Infinity,0.5\n", "line 2", "column y1"));
    c.add(train("target negative", "f,y1,y2\n1,1.1,-0.1\n", "line 2", "column y2", "-0.1"));
    // two decimals allow 2 x 0.005; one decimal would allow 2 x 0.05, but no more than 0.02 counts as rounding
    c.add(train("fractions sum to 0.9", "f,y1,y2\n1,0.50,0.40\n", "line 2", "0.9"));
    c.add(train("fractions sum to 0.9, one decimal", "f,y1,y2\n1,0.5,0.4\n", "line 2", "0.9", "within 0.02"));
    c.add(train("fractions sum to 1.01", "f,y1,y2\n1,0.500,0.510\n", "line 2", "1.01"));
    c.add(train("fractions all zero", "f,y1,y2\n1,0,0\n", "line 2", "are all 0", "--on-invalid skip"));
    c.add(new Case("counts all zero", "bad.csv", bytes("f,y1,y2\n1,3,4\n2,0,0\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--targets-are", "counts", "--out", "m.zip"),
        List.of("line 3", "sum to 0")));
    c.add(new Case("count negative", "bad.csv", bytes("f,y1,y2\n1,3,-4\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--targets-are", "counts", "--out", "m.zip"),
        List.of("line 2", "column y2", "-4")));
    c.add(new Case("weight zero", "bad.csv", bytes("f,w,y1,y2\n1,1,0.5,0.5\n2,0,0.5,0.5\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--weight", "w", "--out", "m.zip"),
        List.of("line 3", "column w")));
    c.add(new Case("weight not a number", "bad.csv", bytes("f,w,y1,y2\n1,heavy,0.5,0.5\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--weight", "w", "--out", "m.zip"),
        List.of("line 2", "column w", "heavy")));
    // Column selection.
    c.add(train("no target column matches", "f,a,b\n1,0.5,0.5\n", "--targets", "y*"));
    c.add(train("a single target column", "f,y1\n1,1\n", "--targets"));
    c.add(train("only targets, no features", "y1,y2\n0.5,0.5\n", "feature"));
    c.add(new Case("a column as target and feature", "bad.csv", bytes("f,y1,y2\n1,0.5,0.5\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--features", "f,y1", "--out", "m.zip"),
        List.of("y1", "--features")));
    c.add(new Case("weight column missing", "bad.csv", bytes("f,y1,y2\n1,0.5,0.5\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--weight", "w", "--out", "m.zip"),
        List.of("'w'", "--weight")));
    c.add(new Case("id column missing", "bad.csv", bytes("f,y1,y2\n1,0.5,0.5\n"),
        List.of("train", "--data", "FILE", "--targets", "y*", "--id", "gid", "--out", "m.zip"),
        List.of("'gid'", "--id")));
    // Not CSV text at all.
    c.add(train("a PNG image", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I',
        'H', 'D', 'R', 0, 0, 1, 0, (byte) 0xff, (byte) 0xfe}, "not"));
    c.add(train("Latin-1 text", "f,y1,y2\n1,0.5,0.5\ncaf\u00e9,0.5,0.5\n".getBytes(StandardCharsets.ISO_8859_1),
        "line 3", "UTF-8"));
    c.add(train("UTF-16 text", "f,y1,y2\n1,0.5,0.5\n".getBytes(StandardCharsets.UTF_16), "UTF-8"));
    c.add(train("NUL bytes inside", "f,y1,y2\n1,0.5,0.5\n2\0\0\0,0.5,0.5\n".getBytes(StandardCharsets.UTF_8), "line 3"));
    c.add(train("a zip file", zip(Map.of("data.csv", bytes(GOOD))), "not"));
    byte[] gz = gzip(bytes(GOOD + GOOD + GOOD));
    c.add(new Case("truncated gzip", "bad.csv.gz", java.util.Arrays.copyOf(gz, gz.length / 2),
        List.of("train", "--data", "FILE", "--targets", "y*", "--out", "m.zip"), List.of("gzip")));
    byte[] corrupt = gz.clone();
    for (int i = 12; i < corrupt.length - 8; i += 3) {
      corrupt[i] ^= 0x5a;
    }
    c.add(new Case("corrupt gzip", "bad.csv.gz", corrupt,
        List.of("train", "--data", "FILE", "--targets", "y*", "--out", "m.zip"), List.of("gzip")));
    c.add(new Case("gzip of bad rows", "bad.csv.gz", gzip(bytes("f,y1,y2\n1,0.5,0.5\n2,0.50,0.40\n")),
        List.of("train", "--data", "FILE", "--targets", "y*", "--out", "m.zip"), List.of("line 3", "0.9")));
    c.add(train("semicolons with a ragged row", "f;y1;y2\n1,5;0,5;0,5\n2;0,5\n", "line 3"));
    // Files that are not there.
    c.add(new Case("data file missing", "bad.csv", null,
        List.of("train", "--data", "FILE", "--targets", "y*", "--out", "m.zip"), List.of("does not exist")));
    // Prediction and evaluation inputs.
    c.add(predict("predict: feature column missing", "f1,y1\n0.1,0.5\n", "f2"));
    c.add(predict("predict: feature not a number", "f1,f2\n0.1,1\n0.2,two\n", "line 3", "column f2", "two"));
    c.add(predict("predict: feature NaN", "f1,f2\n0.1,NaN\n", "line 2", "column f2"));
    c.add(predict("predict: ragged row", "f1,f2\n0.1,1\n0.2\n", "line 3"));
    c.add(predict("predict: header only", "f1,f2\n", "no data rows"));
    c.add(predict("predict: not UTF-8", "f1,f2\n0.1,1\n0.\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1), "line 3",
        "UTF-8"));
    c.add(evaluate("evaluate: target column missing", "f1,f2,y1,y2\n0.1,1,0.5,0.5\n", "y3"));
    c.add(evaluate("evaluate: fractions sum to 0.5", "f1,f2,y1,y2,y3\n0.1,1,0.2,0.2,0.1\n", "line 2", "0.5"));
    c.add(new Case("compare: negative fraction", "bad.csv", bytes("f,y1,y2\n1,1.2,-0.2\n2,0.5,0.5\n"),
        List.of("compare", "--data", "FILE", "--targets", "y*", "--report", "report"), List.of("line 2", "column y2")));
    return c.stream();
  }

  static Stream<Case> damagedModels() throws IOException {
    byte[] good = Files.readAllBytes(goodModel);
    Map<String, byte[]> entries = unzip(good);
    byte[] json = entries.get("model.json");
    byte[] weights = entries.get("weights.safetensors");
    String text = new String(json, StandardCharsets.UTF_8);
    List<Case> c = new ArrayList<>();
    c.add(model("empty file", new byte[0]));
    c.add(model("truncated to half", java.util.Arrays.copyOf(good, good.length / 2)));
    byte[] flipped = good.clone();
    for (int i = good.length / 4; i < good.length / 2; i += 7) {
      flipped[i] ^= 0x10;
    }
    c.add(model("bits flipped", flipped));
    c.add(model("a CSV file", bytes(GOOD)));
    c.add(model("no weights", zip(Map.of("model.json", json))));
    c.add(model("no model.json", zip(Map.of("weights.safetensors", weights))));
    c.add(model("model.json not JSON", zip(ordered("model.json", bytes("{\"format\": \"fracnet-model\", "),
        "weights.safetensors", weights))));
    c.add(model("a newer format version", zip(ordered("model.json",
        bytes(text.replaceFirst("\"format_version\"\\s*:\\s*1", "\"format_version\" : 99")),
        "weights.safetensors", weights)), "99"));
    c.add(model("a loss no plugin provides", zip(ordered("model.json",
        bytes(text.replace("\"cross-entropy\"", "\"no-such-loss\"")), "weights.safetensors", weights)),
        "no-such-loss"));
    c.add(model("an entry with a ../ path", zip(ordered("model.json", json, "weights.safetensors", weights,
        "../../evil.sh", bytes("echo owned\n")))));
    c.add(model("a zip bomb", zip(ordered("model.json", json, "weights.safetensors", new byte[300 << 20]))));
    c.add(model("a safetensors header claiming gigabytes", zip(ordered("model.json", json,
        "weights.safetensors", hugeHeader(weights)))));
    c.add(model("a tensor of the wrong shape", zip(ordered("model.json", json,
        "weights.safetensors", safetensors(Map.of("layers.0.weight", new long[] {3, 5}, "layers.0.bias",
            new long[] {3}))))));
    c.add(model("features is not a list", zip(ordered("model.json",
        bytes(text.replaceFirst("\"features\"\\s*:\\s*\\[[^\\]]*\\]", "\"features\" : 5")),
        "weights.safetensors", weights)), "features"));
    c.add(model("an unknown activation", zip(ordered("model.json",
        bytes(text.replace("\"identity\"", "\"swish\"")), "weights.safetensors", weights)), "swish"));
    c.add(model("NaN weights", zip(ordered("model.json", json, "weights.safetensors", nanWeights(weights)))));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedInputs")
  void aMalformedInputIsOneLineNamingTheFileAndWritesNothing(Case c, @TempDir Path dir) throws Exception {
    check(c, dir);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedModels")
  void aDamagedModelIsOneLineNamingTheFileAndWritesNothing(Case c, @TempDir Path dir) throws Exception {
    check(c, dir);
  }

  @Test
  void theCorpusIsAsLargeAsPromised() throws IOException {
    assertThat(malformedInputs().count()).isGreaterThanOrEqualTo(40);
    assertThat(damagedModels().count()).isGreaterThanOrEqualTo(10);
  }

  private static void check(Case c, Path dir) throws Exception {
    Path file = dir.resolve(c.file());
    if (c.bytes() != null) {
      Files.write(file, c.bytes());
    }
    Set<String> before = listing(dir);
    String[] args = c.args().stream().map(a -> a.equals("FILE") ? file.toString() : a).toArray(String[]::new);
    Cli.Result r = Cli.run(dir, args);
    String err = r.err().strip();
    assertThat(r.exitCode()).as("exit status; stderr:%n%s", r.err()).isEqualTo(2);
    assertThat(err.lines().count()).as("lines on stderr:%n%s", r.err()).isEqualTo(1);
    assertThat(err).startsWith("fracnet: error: ").contains(file.getFileName().toString());
    for (String e : c.expected()) {
      assertThat(err).contains(e);
    }
    assertThat(JAVA_NAMES.matcher(err).find()).as("a Java name in:%n%s", err).isFalse();
    assertThat(listing(dir)).as("files after the run").isEqualTo(before);
  }

  private static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.getFileName().toString().matches("(out|err)\\d*\\.txt"))
          .map(p -> dir.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  private static Case train(String name, String content, String... expected) {
    return train(name, bytes(content), expected);
  }

  private static Case train(String name, byte[] content, String... expected) {
    return new Case(name, "bad.csv", content,
        List.of("train", "--data", "FILE", "--targets", "y*", "--out", "m.zip"), List.of(expected));
  }

  private static Case predict(String name, String content, String... expected) {
    return predict(name, bytes(content), expected);
  }

  private static Case predict(String name, byte[] content, String... expected) {
    return new Case(name, "bad.csv", content,
        List.of("predict", "--model", goodModel.toString(), "--data", "FILE", "--out", "p.csv"), List.of(expected));
  }

  private static Case evaluate(String name, String content, String... expected) {
    return new Case(name, "bad.csv", bytes(content),
        List.of("evaluate", "--model", goodModel.toString(), "--data", "FILE"), List.of(expected));
  }

  private static Case model(String name, byte[] content, String... expected) {
    return new Case(name, "bad.zip", content,
        List.of("predict", "--model", "FILE", "--data", goodData.toString(), "--out", "p.csv"), List.of(expected));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> ordered(Object... namesAndBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndBytes.length; i += 2) {
      m.put((String) namesAndBytes[i], (byte[]) namesAndBytes[i + 1]);
    }
    return m;
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content);
    }
    return bytes.toByteArray();
  }

  /** The same tensors behind a header length of 4 GiB. */
  private static byte[] hugeHeader(byte[] weights) {
    byte[] out = weights.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 4L << 30);
    return out;
  }

  /** The same header with every float NaN. */
  private static byte[] nanWeights(byte[] weights) {
    ByteBuffer buf = ByteBuffer.wrap(weights.clone()).order(ByteOrder.LITTLE_ENDIAN);
    int start = 8 + (int) buf.getLong(0);
    for (int i = start; i + 4 <= weights.length; i += 4) {
      buf.putFloat(i, Float.NaN);
    }
    return buf.array();
  }

  /** Well-formed safetensors with zero-filled float32 tensors of the given shapes. */
  private static byte[] safetensors(Map<String, long[]> shapes) {
    StringBuilder header = new StringBuilder("{");
    long offset = 0;
    for (Map.Entry<String, long[]> e : new java.util.TreeMap<>(shapes).entrySet()) {
      long count = 1;
      StringBuilder shape = new StringBuilder();
      for (long s : e.getValue()) {
        count *= s;
        shape.append(shape.length() == 0 ? "" : ",").append(s);
      }
      header.append(header.length() == 1 ? "" : ",").append('"').append(e.getKey())
          .append("\":{\"dtype\":\"F32\",\"shape\":[").append(shape).append("],\"data_offsets\":[")
          .append(offset).append(',').append(offset + 4 * count).append("]}");
      offset += 4 * count;
    }
    header.append('}');
    byte[] h = bytes(header.toString());
    ByteBuffer buf = ByteBuffer.allocate(8 + h.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(h.length).put(h);
    return buf.array();
  }
}
