package org.fracnet.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fracnet.core.SettingsException;

/**
 * An immutable map of textual parameters ({@code key=value}) with typed accessors that fail with
 * a message naming the owner, the key, the value and what was expected.
 */
public final class Parameters {
  private static final Parameters EMPTY = new Parameters("", Map.of());
  private final String owner;
  private final Map<String, String> values;

  private Parameters(String owner, Map<String, String> values) {
    this.owner = owner;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** No parameters. */
  public static Parameters empty() {
    return EMPTY;
  }

  /** Parameters of the provider {@code owner} (used in error messages), in the given order. */
  public static Parameters of(String owner, Map<String, String> values) {
    return new Parameters(owner, values);
  }

  /**
   * Parses {@code key=value} pairs as given on the command line.
   *
   * @throws org.fracnet.core.FracnetException when a pair has no {@code =} or a key repeats
   */
  public static Parameters parse(String owner, Collection<String> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new SettingsException(
            "parameter '" + pair + "' of " + owner + " is not of the form key=value");
      }
      String key = pair.substring(0, eq).trim();
      if (map.put(key, pair.substring(eq + 1).trim()) != null) {
        throw new SettingsException("parameter '" + key + "' of " + owner + " is given twice");
      }
    }
    return new Parameters(owner, map);
  }

  /** The same values attributed to another owner. */
  public Parameters withOwner(String newOwner) {
    return new Parameters(newOwner, values);
  }

  /** A copy with {@code key} set to {@code value}. */
  public Parameters with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new Parameters(owner, copy);
  }

  /** The keys and values, in insertion order. */
  public Map<String, String> asMap() {
    return values;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The raw text of {@code key}, or {@code fallback} when absent. */
  public String getString(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** A finite double, or {@code fallback} when absent. */
  public double getDouble(String key, double fallback) {
    String text = values.get(key);
    return text == null ? fallback : parseDouble(key, text, text);
  }

  /** An int, or {@code fallback} when absent. */
  public int getInt(String key, int fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalid(key, text, "an integer");
    }
  }

  /** {@code true} or {@code false} (any case), or {@code fallback} when absent. */
  public boolean getBoolean(String key, boolean fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalid(key, text, "true or false");
  }

  /** A comma-separated list of finite doubles, or {@code null} when absent. */
  public double[] getDoubles(String key) {
    String text = values.get(key);
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",", -1);
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parseDouble(key, parts[i].trim(), text);
    }
    return out;
  }

  /** A comma-separated list of ints, or {@code null} when absent. */
  public int[] getInts(String key) {
    String text = values.get(key);
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",", -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw invalid(key, text, "a comma-separated list of integers");
      }
    }
    return out;
  }

  /**
   * Fails when a key is not one of {@code accepted}, listing the accepted names.
   *
   * @throws org.fracnet.core.FracnetException naming the unknown key and the accepted ones
   */
  public Parameters requireKnown(List<ParameterDescriptor> accepted) {
    Set<String> names = new TreeSet<>();
    accepted.forEach(d -> names.add(d.name()));
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!names.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (String key : unknown) {
        String near = nearest(key, names);
        named.add(near == null ? key : key + " (did you mean " + near + "?)");
      }
      throw new SettingsException(
          owner + " has no parameter " + String.join(", ", named)
              + "; accepted: " + (names.isEmpty() ? "none" : String.join(", ", names)));
    }
    return this;
  }

  /** The one name within two edits of {@code key} (a typo's distance), or null for none or several. */
  private static String nearest(String key, Set<String> names) {
    String found = null;
    for (String name : names) {
      if (edits(key, name) <= 2) {
        if (found != null) {
          return null;
        }
        found = name;
      }
    }
    return found;
  }

  /** Levenshtein distance: insertions, deletions and substitutions, one each. */
  private static int edits(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** An error for {@code key} whose {@code value} is not {@code expected}. */
  public SettingsException invalid(String key, String value, String expected) {
    return new SettingsException(
        "parameter " + key + "=" + value + " of " + owner + " is invalid: expected " + expected);
  }

  private double parseDouble(String key, String text, String whole) {
    try {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, whole, "a finite number");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parameters p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }
}
