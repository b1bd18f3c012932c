package org.fracnet.core.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one set of predictions: overall (every {@link Metric}) and per class.
 *
 * <p>Per class k, over the column of rows (weighted means over rows unless said otherwise):
 * {@code mse} = mean (p_k - q_k)^2; {@code mae} = mean |p_k - q_k|; {@code kl} = mean p_k ln(p_k
 * / q_k), the class's share of the overall KL (the shares sum to it); {@code chebyshev} = the
 * largest |p_k - q_k| over rows; {@code clark} = sqrt(mean (p_k - q_k)^2 / (p_k + q_k)^2);
 * {@code canberra} and {@code intersection} = the class's share of the overall value; {@code
 * cosine} = the cosine between the column of targets and the column of predictions; plus {@code
 * mean_target}, {@code mean_predicted} and {@code relative_error_of_mean} = (mean_predicted -
 * mean_target) / mean_target, which shows whether small classes are systematically under- or
 * over-predicted. {@code jensen_shannon}, {@code hellinger}, {@code total_variation} and {@code
 * aitchison} are overall only: they are distances between whole rows that do not split into class
 * shares (the Aitchison distance compares each part with the row's geometric mean). {@link
 * Calibration} gives each class's predicted against observed fraction.
 *
 * @param rows number of rows evaluated
 * @param totalWeight the sum of row weights
 * @param overall one value per metric
 * @param perClass class name to (metric key to value), in class order
 */
public record MetricReport(int rows, double totalWeight, Map<Metric, Double> overall,
    Map<String, Map<String, Double>> perClass) {
  public MetricReport {
    overall = Collections.unmodifiableMap(new EnumMap<>(overall));
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    perClass.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    perClass = Collections.unmodifiableMap(copy);
  }

  /** The overall value of {@code metric}. */
  public double get(Metric metric) {
    return overall.get(metric);
  }

  /** The overall values keyed by {@link Metric#key()}, in enum order. */
  public Map<String, Double> overallByKey() {
    Map<String, Double> out = new LinkedHashMap<>();
    overall.forEach((m, v) -> out.put(m.key(), v));
    return out;
  }
}
