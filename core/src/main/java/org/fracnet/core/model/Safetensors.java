package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (little-endian u64 header length, a JSON header, then the raw tensors),
 * for float32 tensors. The files load in Python with {@code safetensors.torch.load_file}.
 */
final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();

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
   * Decodes a file's bytes.
   *
   * @throws IOException when the bytes are not float32 safetensors
   */
  static Map<String, Tensor> decode(byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 8) {
      throw new IOException("too short for a safetensors header");
    }
    long headerLength = buf.getLong();
    if (headerLength < 2 || headerLength > bytes.length - 8) {
      throw new IOException("header length " + headerLength + " exceeds the file");
    }
    JsonNode header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
    int dataStart = 8 + (int) headerLength;
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode t = e.getValue();
      if (!"F32".equals(t.path("dtype").asText())) {
        throw new IOException("tensor " + e.getKey() + " has dtype " + t.path("dtype").asText()
            + "; only F32 is supported");
      }
      long[] shape = new long[t.path("shape").size()];
      long count = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = t.path("shape").get(i).asLong();
        count *= shape[i];
      }
      long begin = t.path("data_offsets").path(0).asLong(-1);
      long end = t.path("data_offsets").path(1).asLong(-1);
      if (begin < 0 || end - begin != 4 * count || dataStart + end > bytes.length) {
        throw new IOException("tensor " + e.getKey() + " has inconsistent data offsets");
      }
      float[] values = new float[(int) count];
      ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin))
          .order(ByteOrder.LITTLE_ENDIAN);
      data.asFloatBuffer().get(values);
      out.put(e.getKey(), new Tensor(shape, values));
    }
    return out;
  }
}
