package org.fracnet.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Model files as bytes, and the ways the tests damage them: entries replaced and re-zipped (so
 * the zip's checksums are right and the damage reaches the reader's checks of the contents),
 * {@code model.json} and the safetensors header edited as JSON, fields of the zip's central
 * directory overwritten.
 */
final class ModelZips {
  static final String MODEL_JSON = "model.json";
  static final String WEIGHTS = "weights.safetensors";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelZips() {}

  /** The bytes of {@code model} saved as a model file. */
  static byte[] saved(Model model) {
    try {
      Path file = Files.createTempFile("model", ".zip");
      try {
        model.save(file);
        return Files.readAllBytes(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a zip, in order (test files only: read without bounds). */
  static Map<String, byte[]> entries(byte[] zip) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A deflated zip of {@code entries}, in their order. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** {@code zip} with its entries changed by {@code change} and zipped again. */
  static byte[] rezipped(byte[] zip, Consumer<Map<String, byte[]>> change) {
    Map<String, byte[]> entries = entries(zip);
    change.accept(entries);
    return zip(entries);
  }

  /** {@code zip} with the entry {@code name} replaced by {@code change} of its bytes. */
  static byte[] withEntry(byte[] zip, String name, UnaryOperator<byte[]> change) {
    return rezipped(zip, entries -> entries.put(name, change.apply(entries.get(name))));
  }

  /** {@code zip} with {@code model.json} edited by {@code change}. */
  static byte[] withModelJson(byte[] zip, Consumer<ObjectNode> change) {
    return withEntry(zip, MODEL_JSON, bytes -> {
      ObjectNode root = (ObjectNode) tree(bytes);
      change.accept(root);
      return root.toPrettyString().getBytes(StandardCharsets.UTF_8);
    });
  }

  /** {@code model.json}'s text with {@code from} replaced by {@code to}. */
  static byte[] withModelJsonText(byte[] zip, String from, String to) {
    return withEntry(zip, MODEL_JSON, bytes -> {
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (!text.contains(from)) {
        throw new AssertionError(from + " is not in " + text);
      }
      return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    });
  }

  /** {@code zip} with the header of {@code weights.safetensors} edited by {@code change}, its data kept. */
  static byte[] withHeader(byte[] zip, Consumer<ObjectNode> change) {
    return withEntry(zip, WEIGHTS, st -> {
      ObjectNode header = (ObjectNode) tree(Arrays.copyOfRange(st, 8, 8 + headerLength(st)));
      change.accept(header);
      return withHeaderBytes(st, header.toString().getBytes(StandardCharsets.UTF_8));
    });
  }

  /** Safetensors bytes {@code st} with the header {@code header} (padded to 8 bytes) and the same data. */
  static byte[] withHeaderBytes(byte[] st, byte[] header) {
    int padded = (header.length + 7) / 8 * 8;
    byte[] data = Arrays.copyOfRange(st, 8 + headerLength(st), st.length);
    ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(header);
    for (int i = header.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    return out.put(data).array();
  }

  /** The header length of safetensors bytes. */
  static int headerLength(byte[] st) {
    return (int) ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  static JsonNode tree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the central-directory record of the entry {@code name} starts in {@code zip}. */
  static int centralRecord(byte[] zip, String name) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= zip.length; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
        int nameLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
        if (nameLength == wanted.length && Arrays.equals(zip, i + 46, i + 46 + nameLength, wanted, 0, nameLength)) {
          return i;
        }
      }
    }
    throw new AssertionError("no central record for " + name);
  }

  /** Central-directory fields: offsets in the record of each entry. */
  static final int CRC = 16;
  static final int COMPRESSED_SIZE = 20;
  static final int SIZE = 24;

  /** {@code zip} with the 4-byte field at {@code field} of {@code name}'s central record set to {@code value}. */
  static byte[] withCentralField(byte[] zip, String name, int field, long value) {
    byte[] out = zip.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(centralRecord(zip, name) + field, (int) value);
    return out;
  }

  /** {@code zip} with every occurrence of the name {@code from} (local and central) renamed {@code to}, of equal length. */
  static byte[] renamed(byte[] zip, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
    byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
    if (f.length != t.length) {
      throw new IllegalArgumentException("names of one length only");
    }
    byte[] out = zip.clone();
    for (int i = 0; i + f.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, out, i, t.length);
      }
    }
    return out;
  }

  /** Writes {@code bytes} to {@code file} and returns it. */
  static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
