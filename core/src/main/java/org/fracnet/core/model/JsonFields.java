package org.fracnet.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON of model and checkpoint files strictly: as a tree of plain values (never into
 * classes the file could name), a key given twice refused, at most {@value #MAX_DEPTH} levels deep,
 * and each field checked for its type, with a message naming the entry, the field's path
 * ({@code layers[1].inputs}) and the value found. Optional fields, absent or {@code null}, take a
 * default, so files of every release of a format version load.
 */
final class JsonFields {
  /** Nesting allowed in a file's JSON: ours nest 3 levels; a damaged file may nest thousands. */
  static final int MAX_DEPTH = 64;
  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Pattern CODE = Pattern.compile("\\(code (\\d+)\\)");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private final String entry;
  private final String prefix;

  /** Fields of the JSON entry {@code entry} (e.g. {@code model.json}), as named in messages. */
  JsonFields(String entry) {
    this(entry, "");
  }

  private JsonFields(String entry, String prefix) {
    this.entry = entry;
    this.prefix = prefix;
  }

  /** Fields of the object at {@code path} below these, named {@code path.key} in messages. */
  JsonFields in(String path) {
    return new JsonFields(entry, prefix + path + ".");
  }

  /** The name of field {@code key} in messages, e.g. {@code model.json's layers[1].inputs}. */
  String name(String key) {
    return entry + "'s " + prefix + key;
  }

  /**
   * The tree of {@code bytes}, which must be one JSON object.
   *
   * @throws Refusal "ENTRY is not valid JSON at line L, column C (why)"
   */
  JsonNode parseObject(byte[] bytes) throws Refusal {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw Refusal.damaged(entry + " nests deeper than " + MAX_DEPTH + " levels, or holds a text or number too long", e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? ""
          : " at line " + at.getLineNr() + ", column " + Math.max(1, at.getColumnNr());
      String why = reason(e);
      throw Refusal.damaged(entry + " is not valid JSON" + where + (why == null ? "" : " (" + why + ")"), e);
    } catch (IOException e) {
      throw Refusal.damaged(entry + " is not valid JSON (it is not UTF-8 text)", e);
    }
    if (root == null || root.isMissingNode()) {
      throw Refusal.damaged(entry + " is empty");
    }
    if (!root.isObject()) {
      throw Refusal.damaged(entry + " is " + describe(root) + "; expected a JSON object");
    }
    return root;
  }

  /** What went wrong, in plain words, or null: Jackson's own words name its classes and inputs. */
  private static String reason(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    Matcher quoted = QUOTED.matcher(m);
    if (m.startsWith("Duplicate field") && quoted.find()) {
      return "the key " + Refusal.quote(quoted.group(1)) + " appears twice";
    }
    if (m.contains("end-of-input")) {
      return "it ends early";
    }
    if (m.startsWith("Invalid UTF-8") || m.contains("Invalid UTF-32")) {
      return "it is not UTF-8 text";
    }
    if (m.startsWith("Trailing token")) {
      return "more follows the end of the JSON value";
    }
    if (m.startsWith("Unrecognized token") && quoted.find()) {
      return "unknown word " + Refusal.quote(quoted.group(1));
    }
    if (m.startsWith("Illegal unquoted character")) {
      return "a control character inside a string";
    }
    if (m.startsWith("Unexpected close marker")) {
      return "a bracket closes what it did not open";
    }
    Matcher code = CODE.matcher(m);
    if (m.startsWith("Unexpected character") && code.find()) {
      int c = Integer.parseInt(code.group(1));
      return "unexpected character " + (c < 0x20 || c >= 0x7f ? String.format("U+%04X", c) : "'" + (char) c + "'");
    }
    if (m.contains("numeric value") || m.contains("Numeric value")) {
      return "an invalid number";
    }
    return null;
  }

  private Refusal wrong(JsonNode value, String path, String expected) {
    return Refusal.damaged(entry + "'s " + path + " is " + describe(value) + "; expected " + expected);
  }

  private static boolean absent(JsonNode n) {
    return n.isMissingNode() || n.isNull();
  }

  /** A value for a message: a text quoted, a number as written, or what kind of value it is. */
  static String describe(JsonNode v) {
    if (v.isTextual()) {
      return Refusal.quote(v.asText());
    }
    if (v.isNumber() || v.isBoolean() || v.isNull()) {
      String text = v.asText();
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
    return v.isArray() ? "a list" : v.isObject() ? "an object" : "missing";
  }

  /** The value of {@code key}, which must be there, and of the type {@code is} tells. */
  private JsonNode required(JsonNode parent, String key, boolean is, String expected) throws Refusal {
    JsonNode n = parent.path(key);
    if (n.isMissingNode()) {
      throw Refusal.damaged(entry + " lacks " + prefix + key);
    }
    if (!is) {
      throw wrong(n, prefix + key, expected);
    }
    return n;
  }

  /** The object at {@code key}, required. */
  JsonNode object(JsonNode parent, String key) throws Refusal {
    return required(parent, key, parent.path(key).isObject(), "an object");
  }

  /** The object at {@code key}, or a missing node (whose fields are all absent) when absent or null. */
  JsonNode optObject(JsonNode parent, String key) throws Refusal {
    return absent(parent.path(key)) ? MissingNode.getInstance() : object(parent, key);
  }

  /** The object at {@code key[i]}, the list {@code list}'s element {@code i}, required. */
  JsonNode element(JsonNode list, String key, int i) throws Refusal {
    JsonNode n = list.path(i);
    if (!n.isObject()) {
      throw wrong(n, prefix + key + "[" + i + "]", "an object");
    }
    return n;
  }

  /** The list at {@code key}, required. */
  JsonNode list(JsonNode parent, String key) throws Refusal {
    return required(parent, key, parent.path(key).isArray(), "a list");
  }

  /** The text at {@code key}, required. */
  String text(JsonNode parent, String key) throws Refusal {
    return required(parent, key, parent.path(key).isTextual(), "a text in double quotes").asText();
  }

  /** The text at {@code key}, or {@code otherwise} when absent or null. */
  String optText(JsonNode parent, String key, String otherwise) throws Refusal {
    return absent(parent.path(key)) ? otherwise : text(parent, key);
  }

  /** The whole number at {@code key}, in [{@code min}, {@code max}], required. */
  int integer(JsonNode parent, String key, int min, int max) throws Refusal {
    JsonNode n = parent.path(key);
    boolean ok = n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= min && n.asInt() <= max;
    return required(parent, key, ok, min == Integer.MIN_VALUE ? "a whole number"
        : max == Integer.MAX_VALUE ? "a whole number from " + min : "a whole number from " + min + " to " + max).asInt();
  }

  /** The whole number (an int) at {@code key}, at least {@code min}, or {@code otherwise} when absent or null. */
  int optInteger(JsonNode parent, String key, int min, int otherwise) throws Refusal {
    return absent(parent.path(key)) ? otherwise : integer(parent, key, min, Integer.MAX_VALUE);
  }

  /** The whole number (a long) at {@code key}, at least {@code min}, or {@code otherwise} when absent or null. */
  long optLong(JsonNode parent, String key, long min, long otherwise) throws Refusal {
    JsonNode n = parent.path(key);
    if (absent(n)) {
      return otherwise;
    }
    boolean ok = n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= min;
    return required(parent, key, ok, min == Long.MIN_VALUE ? "a whole number" : "a whole number from " + min).asLong();
  }

  /** {@code true} or {@code false} at {@code key}, or {@code otherwise} when absent or null. */
  boolean optBool(JsonNode parent, String key, boolean otherwise) throws Refusal {
    JsonNode n = parent.path(key);
    return absent(n) ? otherwise : required(parent, key, n.isBoolean(), "true or false").asBoolean();
  }

  /**
   * The number at {@code key}, or {@code otherwise} when absent or null; also the texts
   * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as Jackson writes a non-finite double.
   */
  double optNumber(JsonNode parent, String key, double otherwise) throws Refusal {
    JsonNode n = parent.path(key);
    return absent(n) ? otherwise : number(n, prefix + key);
  }

  private double number(JsonNode n, String path) throws Refusal {
    if (n.isNumber()) {
      return n.asDouble();
    }
    switch (n.isTextual() ? n.asText() : "") {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        throw wrong(n, path, "a number");
    }
  }

  /** The list of finite numbers at {@code key}, each above 0 when {@code positive}, required. */
  double[] finiteNumbers(JsonNode parent, String key, boolean positive) throws Refusal {
    JsonNode n = list(parent, key);
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = n.get(i);
      if (!v.isNumber() || !Double.isFinite(v.asDouble()) || positive && !(v.asDouble() > 0)) {
        throw wrong(v, prefix + key + "[" + i + "]", positive ? "a finite number above 0" : "a finite number");
      }
      out[i] = v.asDouble();
    }
    return out;
  }

  /** The list of numbers at {@code key} (see {@link #optNumber}), or an empty array when absent or null. */
  double[] optNumbers(JsonNode parent, String key) throws Refusal {
    if (absent(parent.path(key))) {
      return new double[0];
    }
    JsonNode n = list(parent, key);
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(n.get(i), prefix + key + "[" + i + "]");
    }
    return out;
  }

  /** The list of at least {@code min} distinct texts (names of features or classes) at {@code key}, required. */
  List<String> names(JsonNode parent, String key, int min) throws Refusal {
    JsonNode n = list(parent, key);
    if (n.size() < min) {
      throw Refusal.damaged(name(key) + " has " + n.size() + " names; expected at least " + min);
    }
    List<String> out = new ArrayList<>(n.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = n.get(i);
      if (!v.isTextual()) {
        throw wrong(v, prefix + key + "[" + i + "]", "a name in double quotes");
      }
      if (!seen.add(v.asText())) {
        throw Refusal.damaged(name(key) + " has " + Refusal.quote(v.asText()) + " twice");
      }
      out.add(v.asText());
    }
    return out;
  }

  /** The object of texts, numbers or booleans (parameters) at {@code key}, as texts; empty when absent or null. */
  Map<String, String> optScalars(JsonNode parent, String key) throws Refusal {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode n = optObject(parent, key);
    for (var it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw wrong(v, prefix + key + "." + Refusal.quote(e.getKey()), "a text, number or true/false");
      }
      out.put(e.getKey(), v.asText());
    }
    return out;
  }
}
