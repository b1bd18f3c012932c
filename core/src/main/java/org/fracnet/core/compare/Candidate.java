package org.fracnet.core.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fracnet.core.SettingsException;

/**
 * One loss to compare: a loss provider's id and its parameters. Its {@link #id()} is the text
 * that names it in results, {@code loss} or {@code loss{key=value,...}}, the same syntax
 * {@link #parseList} reads.
 *
 * @param loss the loss provider's id
 * @param parameters its parameters, in the order given
 */
public record Candidate(String loss, Map<String, String> parameters) {
  public Candidate {
    Objects.requireNonNull(loss, "loss");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** A candidate without parameters. */
  public static Candidate of(String loss) {
    return new Candidate(loss, Map.of());
  }

  /** A candidate with parameters given as alternating keys and values. */
  public static Candidate of(String loss, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Candidate(loss, map);
  }

  /** The name in results: {@code loss}, or {@code loss{key=value,...}}. */
  public String id() {
    if (parameters.isEmpty()) {
      return loss;
    }
    List<String> pairs = new ArrayList<>();
    parameters.forEach((k, v) -> pairs.add(k + "=" + v));
    return loss + "{" + String.join(",", pairs) + "}";
  }

  /**
   * Reads a comma list of candidates, each {@code loss} or {@code loss{key=value,key=value}}, e.g.
   * {@code cross-entropy,weighted-mse{class-weights=inverse-mean},my-loss{gamma=2}}. Inside the
   * braces, an item without {@code =} continues the value before it, so a list value is written
   * as it is: {@code weighted-mse{class-weights=1,1,2,4}} gives {@code class-weights} the value
   * {@code 1,1,2,4}.
   *
   * @throws SettingsException on an unclosed brace, a pair without {@code =}, an empty entry or a
   *     candidate given twice
   */
  public static List<Candidate> parseList(String text) {
    List<Candidate> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int comma = text.indexOf(',', i);
      int brace = text.indexOf('{', i);
      String loss;
      Map<String, String> parameters = new LinkedHashMap<>();
      if (brace >= 0 && (comma < 0 || brace < comma)) {
        int close = text.indexOf('}', brace);
        if (close < 0) {
          throw new SettingsException("candidates: '" + text.substring(i) + "' opens { but never closes it;"
              + " write loss{key=value,key=value}");
        }
        loss = text.substring(i, brace).trim();
        String key = null;
        for (String pair : text.substring(brace + 1, close).split(",")) {
          if (pair.isBlank()) {
            continue;
          }
          int eq = pair.indexOf('=');
          if (eq < 0 && key != null) { // the next item of a list value: class-weights=1,1,2
            parameters.merge(key, pair.trim(), (list, item) -> list + "," + item);
            continue;
          }
          if (eq <= 0) {
            throw new SettingsException("candidates: '" + pair.trim() + "' in " + loss
                + "{...} is not key=value");
          }
          key = pair.substring(0, eq).trim();
          parameters.put(key, pair.substring(eq + 1).trim());
        }
        i = close + 1;
        if (i < text.length() && text.charAt(i) != ',') {
          throw new SettingsException("candidates: expected ',' after '" + text.substring(0, i) + "'");
        }
        i++;
      } else {
        int end = comma < 0 ? text.length() : comma;
        loss = text.substring(i, end).trim();
        i = end + 1;
      }
      if (loss.isEmpty()) {
        throw new SettingsException("candidates: an empty entry in '" + text + "'; give loss ids separated by commas");
      }
      Candidate c = new Candidate(loss, parameters);
      if (out.stream().anyMatch(o -> o.id().equals(c.id()))) {
        throw new SettingsException("candidates: " + c.id() + " is given twice");
      }
      out.add(c);
    }
    if (out.isEmpty()) {
      throw new SettingsException("candidates: none given; e.g. cross-entropy,mse");
    }
    return out;
  }

  @Override
  public String toString() {
    return id();
  }
}
