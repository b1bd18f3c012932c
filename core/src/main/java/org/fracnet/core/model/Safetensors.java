package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (little-endian u64 header length, a JSON header, then the raw tensors),
 * for float32 tensors. The files load in Python with {@code safetensors.torch.load_file}. Reading
 * is strict and streamed: the header is checked whole before any tensor's data are read.
 */
final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most values a tensor may have; also the most weights a model may have (1 GiB of float32). */
  static final int MAX_VALUES = 1 << 28;
  /** The longest header read, in bytes, as in the safetensors library; a file's own limit is smaller. */
  static final long MAX_HEADER = 100_000_000;
  /** Bytes read at a time. */
  private static final int CHUNK = 1 << 16;

  /** A float32 tensor: its shape and row-major values. */
  record Tensor(long[] shape, float[] values) {}

  private Safetensors() {}

  /** Encodes tensors in the given order. */
  static byte[] encode(Map<String, Tensor> tensors) {
    ObjectNode header = JSON.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", "F32");
      var shape = t.putArray("shape");
      for (long s : e.getValue().shape()) {
        shape.add(s);
      }
      long bytes = 4L * e.getValue().values().length;
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] headerBytes;
    try {
      headerBytes = JSON.writeValueAsBytes(header);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int padded = (headerBytes.length + 7) / 8 * 8;
    ByteBuffer buf = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(padded);
    buf.put(headerBytes);
    for (int i = headerBytes.length; i < padded; i++) {
      buf.put((byte) ' ');
    }
    for (Tensor t : tensors.values()) {
      for (float v : t.values()) {
        buf.putFloat(v);
      }
    }
    return buf.array();
  }

  /**
   * A tensor as the header describes it.
   *
   * @param name its name, e.g. {@code layers.0.weight}
   * @param shape its dimensions, each at least 0
   * @param begin where its data start, in bytes after the header
   * @param end where its data end: {@code begin} plus 4 bytes per value
   */
  record Entry(String name, long[] shape, long begin, long end) {
    /** Its number of values. */
    int count() {
      return (int) ((end - begin) / 4);
    }
  }

  /**
   * Reads and checks the length and header of a safetensors entry of {@code size} bytes, leaving
   * {@code in} at the start of the data. Every tensor is F32, of at most {@value #MAX_VALUES}
   * values, and the tensors' data, in the order of their offsets, cover the rest of the entry
   * exactly: no overlap, no gap, nothing beyond.
   *
   * @param maxHeader the longest header accepted, in bytes
   * @param entry the entry's name, for messages
   * @return the tensors, in the order of their data
   * @throws Refusal naming what is wrong
   */
  static List<Entry> readHeader(InputStream in, long size, long maxHeader, String entry) throws IOException {
    if (size < 10) {
      throw Refusal.damaged(entry + " is " + size + " bytes, too short for a safetensors file");
    }
    long headerLength = ByteBuffer.wrap(readFully(in, 8, entry)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > size - 8) {
      throw Refusal.damaged(entry + " claims a header of " + headerLength + " bytes, but holds " + (size - 8)
          + " bytes after the header's length");
    }
    if (headerLength > maxHeader) {
      throw Refusal.damaged(entry + " claims a header of " + headerLength + " bytes, more than the " + maxHeader
          + " fracnet reads for it");
    }
    JsonNode header = new JsonFields("the header of " + entry).parseObject(readFully(in, (int) headerLength, entry));
    List<Entry> tensors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("__metadata__")) {
        tensors.add(entry(e.getKey(), e.getValue(), entry));
      }
    }
    tensors.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long dataLength = size - 8 - headerLength;
    long expected = 0;
    for (Entry t : tensors) {
      String name = "tensor " + Refusal.quote(t.name()) + " in " + entry;
      if (t.end() > dataLength) {
        throw Refusal.damaged(name + " ends at byte " + t.end() + " of the data, beyond the " + dataLength
            + " bytes there are");
      }
      if (t.begin() < expected) {
        throw Refusal.damaged(name + " overlaps the tensor before it");
      }
      if (t.begin() > expected) {
        throw Refusal.damaged(entry + " has " + (t.begin() - expected) + " bytes of no tensor before "
            + Refusal.quote(t.name()));
      }
      expected = t.end();
    }
    if (expected != dataLength) {
      throw Refusal.damaged(entry + " has " + (dataLength - expected) + " bytes of no tensor after its last tensor");
    }
    return tensors;
  }

  private static Entry entry(String name, JsonNode t, String entry) throws Refusal {
    String what = "tensor " + Refusal.quote(name) + " in " + entry;
    if (!t.isObject()) {
      throw Refusal.damaged(what + " is " + JsonFields.describe(t) + "; expected an object");
    }
    JsonNode dtype = t.path("dtype");
    if (dtype.isMissingNode()) {
      throw Refusal.damaged(what + " has no dtype");
    }
    if (!dtype.isTextual() || !dtype.asText().equals("F32")) {
      throw Refusal.damaged(what + " has the dtype " + JsonFields.describe(dtype) + "; fracnet reads only F32");
    }
    JsonNode shapeNode = t.path("shape");
    if (shapeNode.isMissingNode()) {
      throw Refusal.damaged(what + " has no shape");
    }
    if (!shapeNode.isArray()) {
      throw Refusal.damaged(what + " has the shape " + JsonFields.describe(shapeNode)
          + "; expected a list of whole numbers from 0");
    }
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    boolean empty = false;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
        throw Refusal.damaged(what + " has " + JsonFields.describe(d) + " in its shape; expected whole numbers from 0");
      }
      shape[i] = d.asLong();
      empty |= shape[i] == 0;
      count = count < 0 ? -1 : multiplyOrMinusOne(count, shape[i]);
    }
    count = empty ? 0 : count;
    if (count < 0 || count > MAX_VALUES) {
      throw Refusal.damaged(what + " has the shape " + Arrays.toString(shape) + ", more values than the "
          + MAX_VALUES + " fracnet reads");
    }
    JsonNode offsets = t.path("data_offsets");
    if (offsets.isMissingNode()) {
      throw Refusal.damaged(what + " has no data_offsets");
    }
    if (!offsets.isArray() || offsets.size() != 2 || !offset(offsets.get(0)) || !offset(offsets.get(1))
        || offsets.get(0).asLong() > offsets.get(1).asLong()) {
      throw Refusal.damaged(what + " has the data offsets " + offsetsText(offsets)
          + "; expected two whole numbers from 0, the first not above the second");
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (end - begin != 4 * count) {
      throw Refusal.damaged(what + " has the data offsets [" + begin + ", " + end + "], " + (end - begin)
          + " bytes, for the " + count + " values of its shape " + Arrays.toString(shape) + " (" + 4 * count + " bytes)");
    }
    return new Entry(name, shape, begin, end);
  }

  private static long multiplyOrMinusOne(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static boolean offset(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
  }

  private static String offsetsText(JsonNode offsets) {
    if (!offsets.isArray()) {
      return JsonFields.describe(offsets);
    }
    List<String> items = new ArrayList<>();
    offsets.forEach(n -> items.add(JsonFields.describe(n)));
    return items.size() > 4 ? "a list of " + items.size() : "[" + String.join(", ", items) + "]";
  }

  /**
   * Reads the values of {@code t}, the next tensor in {@code in}. The array grows with the data
   * read, so a damaged entry that ends early never makes it allocate what it only claims.
   *
   * @throws Refusal when the data end early, or a value is NaN or infinite (naming the tensor and position)
   */
  static float[] readValues(InputStream in, Entry t, String entry) throws IOException {
    int count = t.count();
    float[] values = new float[Math.min(count, CHUNK / 4)];
    byte[] chunk = new byte[CHUNK];
    int filled = 0;
    while (filled < count) {
      int want = (int) Math.min(CHUNK, 4L * (count - filled));
      if (in.readNBytes(chunk, 0, want) < want) {
        throw Refusal.damaged(entry + " ends inside the tensor " + Refusal.quote(t.name()));
      }
      if (filled + want / 4 > values.length) {
        values = Arrays.copyOf(values, (int) Math.min(count, Math.max(2L * values.length, filled + want / 4)));
      }
      ByteBuffer.wrap(chunk, 0, want).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, filled, want / 4);
      for (int i = filled; i < filled + want / 4; i++) {
        if (!Float.isFinite(values[i])) {
          throw Refusal.damaged("tensor " + Refusal.quote(t.name()) + " in " + entry + " holds "
              + (Float.isNaN(values[i]) ? "NaN" : "an infinite value") + " at position " + i
              + "; weights must be finite numbers");
        }
      }
      filled += want / 4;
    }
    return values;
  }

  /**
   * The longest header a file of {@code tensors} tensors may have: 64 KiB, and 1 KiB a tensor
   * (ours take about 80 bytes), at most {@value #MAX_HEADER}.
   */
  static long maxHeader(long tensors) {
    return Math.min(MAX_HEADER, 65_536 + 1024 * Math.min(tensors, MAX_HEADER));
  }

  private static byte[] readFully(InputStream in, int length, String entry) throws IOException {
    byte[] bytes = in.readNBytes(length); // reads in chunks: what it allocates, it has read
    if (bytes.length < length) {
      throw Refusal.damaged(entry + " ends early");
    }
    return bytes;
  }
}
