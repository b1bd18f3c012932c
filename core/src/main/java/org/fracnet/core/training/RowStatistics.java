package org.fracnet.core.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Arrays;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.spi.TargetStatistics;

/**
 * What training needs to know of its rows before the first step, gathered one row at a time: the
 * features' standardisation and the targets' statistics. Parts gathered separately (chunks of a
 * file, partitions of a Spark job) are combined with {@link #merge}; the result equals
 * {@link Standardization#fit} and {@link TargetStatistics#of} on all rows up to rounding (the
 * means and squared deviations merge as Chan et al. 1979 give).
 *
 * <p>Mutable, not thread-safe; serializable so a cluster can ship it.
 */
public final class RowStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean weightsAreCounts;
  private long rows;
  private final double[] mean;
  private final double[] m2;
  private final boolean[] binary;
  private double total;
  private final double[] sums;
  private final double[] squares;
  private final double[] zeros;

  /** No rows yet, of {@code features} features and {@code classes} classes. */
  public RowStatistics(int features, int classes, boolean weightsAreCounts) {
    this.weightsAreCounts = weightsAreCounts;
    this.mean = new double[features];
    this.m2 = new double[features];
    this.binary = new boolean[features];
    Arrays.fill(binary, true);
    this.sums = new double[classes];
    this.squares = new double[classes];
    this.zeros = new double[classes];
  }

  /**
   * Adds one row: features {@code x[xFrom ..]}, fractions {@code p[pFrom ..]}, weight {@code w}
   * (values already validated).
   */
  public void add(double[] x, int xFrom, double[] p, int pFrom, double w) {
    rows++;
    for (int j = 0; j < mean.length; j++) {
      double v = x[xFrom + j];
      double delta = v - mean[j];
      mean[j] += delta / rows;
      m2[j] += delta * (v - mean[j]);
      binary[j] &= v == 0 || v == 1;
    }
    total += w;
    for (int j = 0; j < sums.length; j++) {
      double v = p[pFrom + j];
      sums[j] += w * v;
      squares[j] += w * v * v;
      if (v == 0) {
        zeros[j] += w;
      }
    }
  }

  /** Adds every row of {@code data}. */
  public void addAll(Dataset data) {
    int d = data.featureCount();
    int k = data.classCount();
    for (int i = 0; i < data.rows(); i++) {
      add(data.features(), i * d, data.targets(), i * k, data.weights()[i]);
    }
  }

  /** Adds the rows counted in {@code other} (of the same columns) and returns this. */
  public RowStatistics merge(RowStatistics other) {
    if (other.rows == 0) {
      return this;
    }
    long n = rows + other.rows;
    for (int j = 0; j < mean.length; j++) {
      double delta = other.mean[j] - mean[j];
      m2[j] += other.m2[j] + delta * delta * ((double) rows * other.rows / n);
      mean[j] += delta * other.rows / n;
      binary[j] &= other.binary[j];
    }
    rows = n;
    total += other.total;
    for (int j = 0; j < sums.length; j++) {
      sums[j] += other.sums[j];
      squares[j] += other.squares[j];
      zeros[j] += other.zeros[j];
    }
    return this;
  }

  /**
   * The statistics as JSON, for {@link #fromJson} (kept beside a binary cache); package-private, so
   * that no Jackson type is part of the API.
   */
  JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("weightsAreCounts", weightsAreCounts);
    node.put("rows", rows);
    node.put("total", total);
    put(node, "mean", mean);
    put(node, "m2", m2);
    ArrayNode flags = node.putArray("binary");
    for (boolean b : binary) {
      flags.add(b);
    }
    put(node, "sums", sums);
    put(node, "squares", squares);
    put(node, "zeros", zeros);
    return node;
  }

  /** The statistics {@link #toJson} wrote. */
  static RowStatistics fromJson(JsonNode node) {
    double[] mean = doubles(node.get("mean"));
    double[] sums = doubles(node.get("sums"));
    RowStatistics s = new RowStatistics(mean.length, sums.length, node.get("weightsAreCounts").asBoolean());
    s.rows = node.get("rows").asLong();
    s.total = node.get("total").asDouble();
    System.arraycopy(mean, 0, s.mean, 0, mean.length);
    System.arraycopy(doubles(node.get("m2")), 0, s.m2, 0, mean.length);
    for (int j = 0; j < mean.length; j++) {
      s.binary[j] = node.get("binary").get(j).asBoolean();
    }
    System.arraycopy(sums, 0, s.sums, 0, sums.length);
    System.arraycopy(doubles(node.get("squares")), 0, s.squares, 0, sums.length);
    System.arraycopy(doubles(node.get("zeros")), 0, s.zeros, 0, sums.length);
    return s;
  }

  private static void put(ObjectNode node, String name, double[] values) {
    ArrayNode array = node.putArray(name);
    for (double v : values) {
      array.add(v); // Jackson writes the shortest text that reads back to the same double
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** The rows added so far. */
  public long rows() {
    return rows;
  }

  /** The standardisation of the rows added, as {@link Standardization#fit} computes it. */
  public Standardization standardization() {
    boolean[] flags = binary.clone();
    if (rows == 0) {
      Arrays.fill(flags, false);
    }
    return Standardization.of(rows, mean.clone(), m2.clone(), flags);
  }

  /** The targets' statistics, as {@link TargetStatistics#of} computes them. */
  public TargetStatistics targets() {
    return TargetStatistics.ofSums(total, sums.clone(), squares.clone(), zeros.clone(), weightsAreCounts);
  }
}
