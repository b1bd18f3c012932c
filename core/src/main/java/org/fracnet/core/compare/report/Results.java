package org.fracnet.core.compare.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A lenient view of the results tree: every field is optional, a field of the wrong type counts
 * as missing, and a number that is not finite is no value. The report shows what is there.
 */
final class Results {
  /** One candidate, its position in the list (which fixes its colour) and its part of the tree. */
  record Candidate(int index, String id, JsonNode node) {
    String color() {
      return Palette.color(index);
    }

    /** The mean of {@code metric} over folds, or null. */
    Double metricMean(String metric) {
      return number(node.path("metrics").path(metric).path("mean"));
    }

    /** {@code per_class.CLASS.FIELD}, or null. */
    Double perClass(String className, String field) {
      return number(node.path("per_class").path(className).path(field));
    }
  }

  private final JsonNode root;
  private final List<String> classes;
  private final List<Candidate> candidates;

  Results(JsonNode root) {
    this.root = root == null ? MissingNode.getInstance() : root;
    this.candidates = readCandidates(this.root.path("candidates"));
    this.classes = readClasses(this.root, candidates);
  }

  private static List<Candidate> readCandidates(JsonNode array) {
    List<Candidate> out = new ArrayList<>();
    for (JsonNode c : elements(array)) {
      if (c.isObject()) {
        String id = text(c.path("id"));
        out.add(new Candidate(out.size(), id == null ? "candidate " + (out.size() + 1) : id, c));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code classes}, else the classes named in the candidates' {@code per_class}. */
  private static List<String> readClasses(JsonNode root, List<Candidate> candidates) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : elements(root.path("classes"))) {
      String name = text(n);
      if (name != null) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      for (Candidate c : candidates) {
        c.node().path("per_class").fieldNames().forEachRemaining(names::add);
      }
    }
    return List.copyOf(names);
  }

  JsonNode root() {
    return root;
  }

  List<String> classes() {
    return classes;
  }

  List<Candidate> candidates() {
    return candidates;
  }

  /** The first candidate: the one the others are compared against. Null when there is none. */
  Candidate baseline() {
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /**
   * The candidate named by {@code best.METRIC}; when that names none, the one with the best mean
   * if the direction is known ({@code higherIsBetter} not null), else null.
   */
  Candidate best(String metric, Boolean higherIsBetter) {
    String id = text(root.path("best").path(metric));
    for (Candidate c : candidates) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    Candidate best = null;
    for (Candidate c : candidates) {
      Double v = higherIsBetter == null ? null : c.metricMean(metric);
      if (v != null && (best == null || (higherIsBetter ? v > best.metricMean(metric) : v < best.metricMean(metric)))) {
        best = c;
      }
    }
    return best;
  }

  /** The metric names, in the order the candidates list them (the first candidate's first). */
  List<String> metrics() {
    Set<String> names = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      c.node().path("metrics").fieldNames().forEachRemaining(names::add);
    }
    return List.copyOf(names);
  }

  /** {@code class_means.CLASS}, else the mean target of the first candidate that has it. */
  Double classMean(String className) {
    Double mean = number(root.path("class_means").path(className));
    for (Iterator<Candidate> it = candidates.iterator(); mean == null && it.hasNext(); ) {
      mean = it.next().perClass(className, "mean_target");
    }
    return mean;
  }

  Set<String> smallClasses() {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : elements(root.path("small_classes"))) {
      String name = text(n);
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  /** The elements of an array, or none. */
  static Iterable<JsonNode> elements(JsonNode node) {
    return node != null && node.isArray() ? node : List.of();
  }

  /** A finite number, or null. */
  static Double number(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    double v = node.asDouble();
    return Double.isFinite(v) ? v : null;
  }

  /** A string, number or boolean as text; null for anything else (missing, null, object, array). */
  static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
