package org.fracnet.core.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fracnet.core.DataException;
import org.fracnet.core.io.IoErrors;
import org.fracnet.core.metrics.Metric;

/**
 * Published results on the label-distribution data sets, read from a Markdown file of tables such
 * as {@code ldl-published.md}: every table under a heading whose protocol is plain 10-fold
 * cross-validation ("10-fold CV", not "10 x 10-fold" or random splits), either with one column per
 * method under a measure's name ({@code Chebyshev (lower better)}), or with one column per measure
 * under a method's name ({@code LDLFs}), or with a {@code method} column. Cells read as their
 * first number ({@code 0.0135 ± 0.0008} is 0.0135).
 */
public final class PublishedResults {
  /** The six measures of Geng (2016), in the order the field reports them. */
  public static final List<Metric> SIX = List.of(Metric.CHEBYSHEV, Metric.CLARK, Metric.CANBERRA, Metric.KL,
      Metric.COSINE, Metric.INTERSECTION);

  private static final Pattern NUMBER = Pattern.compile("^\\s*(-?\\d*\\.?\\d+(?:[eE][-+]?\\d+)?)");

  /**
   * One published value.
   *
   * @param method the algorithm, as the table names it (SA-BFGS, StructRF, ...)
   * @param source the heading of the table's section: the paper and its protocol
   * @param value the mean over folds
   */
  public record Value(String method, String source, double value) {}

  /** Per data set key ({@link #key}), per measure, every comparable value. */
  private final Map<String, Map<Metric, List<Value>>> values;

  private PublishedResults(Map<String, Map<Metric, List<Value>>> values) {
    this.values = values;
  }

  /**
   * Reads the tables of {@code file}.
   *
   * @throws DataException when the file cannot be read or holds no comparable table
   */
  public static PublishedResults read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataException(file + " does not exist; give the Markdown file of published results"
          + " (ldl-published.md)");
    } catch (IOException e) {
      throw new DataException(file + " cannot be read: " + IoErrors.reason(e));
    }
    PublishedResults r = parse(lines);
    if (r.values.isEmpty()) {
      throw new DataException(file + " holds no table of results under a 10-fold CV heading; give the"
          + " Markdown file of published results (ldl-published.md)");
    }
    return r;
  }

  static PublishedResults parse(List<String> lines) {
    Map<String, Map<Metric, List<Value>>> values = new LinkedHashMap<>();
    String heading = "";
    String label = "";
    List<String> header = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        heading = line.replaceFirst("^#+\\s*", "");
        label = "";
        header = null;
      } else if (line.startsWith("|")) {
        List<String> cells = cells(line);
        if (header == null) {
          header = cells;
        } else if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
          row(values, heading, label, header, cells);
        }
      } else {
        header = null;
        if (!line.isEmpty()) {
          label = line;
        }
      }
    }
    return new PublishedResults(values);
  }

  private static void row(Map<String, Map<Metric, List<Value>>> values, String heading, String label,
      List<String> header, List<String> cells) {
    if (!comparable(heading) || header.isEmpty() || !header.get(0).equalsIgnoreCase("dataset")
        || cells.size() != header.size()) {
      return;
    }
    Map<Metric, List<Value>> set = values.computeIfAbsent(key(cells.get(0)), k -> new EnumMap<>(Metric.class));
    Metric labelled = measure(label);
    int methodColumn = header.indexOf("method");
    for (int c = 1; c < cells.size(); c++) {
      Optional<Double> v = number(cells.get(c));
      Metric columnMeasure = measure(header.get(c));
      if (v.isEmpty() || c == methodColumn) {
        continue;
      }
      if (labelled != null && columnMeasure == null) { // one column per method, a measure's table
        set.computeIfAbsent(labelled, m -> new ArrayList<>()).add(new Value(header.get(c), heading, v.get()));
      } else if (columnMeasure != null) { // one column per measure; the method is a column or the label
        String method = methodColumn >= 0 ? cells.get(methodColumn) : label;
        set.computeIfAbsent(columnMeasure, m -> new ArrayList<>()).add(new Value(method, heading, v.get()));
      }
    }
  }

  /** Plain 10-fold cross-validation, the protocol fracnet's benchmark runs. */
  private static boolean comparable(String heading) {
    String h = heading.toLowerCase(Locale.ROOT);
    return h.contains("10-fold cv") && !h.contains("10 x 10-fold") && !h.contains("x 5-fold");
  }

  /** The measure a table label or column names ({@code Chebyshev (lower better)}), or null. */
  static Metric measure(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").strip();
    for (Metric m : SIX) {
      if (t.equals(m.key())) {
        return m;
      }
    }
    return null;
  }

  private static Optional<Double> number(String cell) {
    Matcher m = NUMBER.matcher(cell);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
    List<String> out = new ArrayList<>();
    for (String c : inner.split("\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  /** A data set's name as a key: letters and digits, lower case ({@code Human Gene}, {@code Human_Gene}). */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Whether any comparable value is published for the data set {@code name}. */
  public boolean has(String name) {
    return values.containsKey(key(name));
  }

  /** The value of {@code method} for {@code measure} on {@code name}, if published. */
  public Optional<Value> of(String name, String method, Metric measure) {
    return values.getOrDefault(key(name), Map.of()).getOrDefault(measure, List.of()).stream()
        .filter(v -> v.method().equals(method)).findFirst();
  }

  /** The best comparable value for {@code measure} on {@code name} (lowest, or highest where higher is better). */
  public Optional<Value> best(String name, Metric measure) {
    return values.getOrDefault(key(name), Map.of()).getOrDefault(measure, List.of()).stream()
        .reduce((a, b) -> (measure.higherIsBetter() ? b.value() > a.value() : b.value() < a.value()) ? b : a);
  }
}
