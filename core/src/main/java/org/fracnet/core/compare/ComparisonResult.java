package org.fracnet.core.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fracnet.core.FracnetException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.io.AtomicFile;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.metrics.MetricReport;
import org.fracnet.core.metrics.Metrics;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.stats.PairedComparison;
import org.fracnet.core.training.TrainingConfig;

/**
 * What a comparison found: per candidate the metrics of its out-of-fold predictions (overall, per
 * fold and per class), calibration, a learning curve and the settings its search chose; paired
 * tests between every two candidates for every metric, Holm-corrected per metric; the best
 * candidate per metric; and a verdict in plain words generated from those numbers. Write it with
 * {@link #write(Path)}: {@code results.json}, {@code summary.md} and {@code index.html}.
 */
public final class ComparisonResult {
  /**
   * The files {@link #write(Path)} writes into its folder, for checking before a comparison that
   * none is in the way ({@link org.fracnet.core.io.OutputFiles}).
   */
  public static final List<String> REPORT_FILES = List.of("results.json", "summary.md", "index.html");
  /** Classes whose mean target is below this share are "small" (at most three, the smallest; often none). */
  static final double SMALL_CLASS = 0.05;
  /**
   * The per-class key of the MSE skill: 1 - the class's MSE / the mean predictor's MSE for it, out
   * of fold ({@link Metrics#mseSkill}). Above 0, the candidate predicts the class's fraction row by
   * row better than its constant mean; at or below 0, no better than that constant.
   */
  public static final String MSE_SKILL = "mse_skill";
  /** Significance level of the verdict, after Holm's correction. */
  static final double ALPHA = 0.05;
  /** Points per class in the predicted-against-true scatter. */
  static final int SCATTER_POINTS = 400;

  private final Dataset data;
  private final CompareConfig config;
  private final List<Comparison.Runs> runs;
  private final List<Comparison.Runs> kept = new ArrayList<>();
  /** Per repeat and fold, the test rows. */
  private final int[][][] testRows;
  private final Map<String, CandidateMetrics> metrics = new LinkedHashMap<>();
  private final List<Test> comparisons = new ArrayList<>();
  private final Map<Metric, String> best = new LinkedHashMap<>();
  private final List<String> smallClasses = new ArrayList<>();
  private final double[] classMeans;
  private final List<String> verdict;
  /** The metrics of always predicting the training folds' mean fractions, out of fold: the no-skill scale. */
  private final CandidateMetrics meanPredictor;
  /** Per repeat, the mean predictor's out-of-fold predictions ({@link #meanPredictions}). */
  private final double[][] meanPredictions;
  /** Each row's group for the paired tests when rows are grouped by id, else null (every row its own). */
  private final int[] groups;

  /** One candidate's numbers. */
  record CandidateMetrics(Map<Metric, Double> mean, Map<Metric, double[]> perFold,
      Map<String, Map<String, Double>> perClass, Map<Metric, double[]> perRow) {}

  /**
   * One paired comparison of two candidates in one metric, over the out-of-fold rows (see
   * docs/compare.md, "Statistics").
   *
   * @param a the first candidate's id
   * @param b the second candidate's id
   * @param metric the metric
   * @param difference mean of b minus mean of a
   * @param low lower end of the 95 % confidence interval of the difference
   * @param high upper end
   * @param p two-sided p-value
   * @param adjusted Holm-adjusted p-value within the metric's family
   * @param relative the difference in % of a's mean, with {@code relativeLow} and
   *     {@code relativeHigh} its 95 % interval (NaN when a's mean is 0)
   * @param relativeLow lower end of the relative difference's interval
   * @param relativeHigh upper end
   * @param foldP two-sided p-value of the corrected resampled t-test over the fold means ({@link
   *     PairedComparison#acrossFolds}), which counts the variance of retraining; not adjusted
   */
  public record Test(String a, String b, Metric metric, double difference, double low, double high, double p,
      double adjusted, double relative, double relativeLow, double relativeHigh, double foldP) {
    /** The same test with the Holm-adjusted p-value. */
    Test adjusted(double value) {
      return new Test(a, b, metric, difference, low, high, p, value, relative, relativeLow, relativeHigh, foldP);
    }
  }

  ComparisonResult(Dataset data, CompareConfig config, List<Comparison.Runs> runs, int[][][] testRows) {
    this.data = data;
    this.config = config;
    this.runs = runs;
    this.testRows = testRows;
    for (Comparison.Runs r : runs) {
      if (r.failure == null) {
        kept.add(r);
      }
    }
    classMeans = TargetStatistics.of(data.rows(), data.classCount(), data.targets(), data.weights(),
        data.weightsAreCounts()).classMeans();
    groups = config.groupByIds() ? groups(data) : null;
    meanPredictions = meanPredictions();
    meanPredictor = measure(meanPredictions);
    for (Comparison.Runs r : kept) {
      CandidateMetrics measured = measure(r.predictions);
      measured.perClass().forEach((cls, values) -> values.put(MSE_SKILL, Metrics.mseSkill(values.get(Metric.MSE.key()),
          meanPredictor.perClass().get(cls))));
      metrics.put(r.candidate.id(), measured);
    }
    for (Metric m : Metric.values()) {
      String winner = null;
      for (Comparison.Runs r : kept) {
        double v = metrics.get(r.candidate.id()).mean().get(m);
        if (winner == null || better(m, v, metrics.get(winner).mean().get(m))) {
          winner = r.candidate.id();
        }
      }
      best.put(m, winner);
      testAllPairs(m);
    }
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < classMeans.length; j++) {
      order.add(j);
    }
    order.sort((x, y) -> Double.compare(classMeans[x], classMeans[y]));
    for (int j : order) {
      if (smallClasses.size() < 3 && classMeans[j] > 0 && classMeans[j] < SMALL_CLASS) { // a class never seen has no error
        smallClasses.add(data.classNames().get(j));
      }
    }
    verdict = List.copyOf(new Verdict(this).sentences());
  }

  // ---- accessors used by Verdict and the writers

  CompareConfig config() {
    return config;
  }

  List<Comparison.Runs> kept() {
    return kept;
  }

  List<Comparison.Runs> droppedRuns() {
    return runs.stream().filter(r -> r.failure != null).toList();
  }

  CandidateMetrics metrics(String candidate) {
    return metrics.get(candidate);
  }

  String best(Metric m) {
    return best.get(m);
  }

  /**
   * The small classes: those whose mean target is above 0 and below 5 %, at most three, the
   * smallest first; often none. The verdict says how each candidate fits them.
   */
  public List<String> smallClasses() {
    return List.copyOf(smallClasses);
  }

  double classMean(String className) {
    return classMeans[data.classNames().indexOf(className)];
  }

  /**
   * The paired test of candidate {@code a} against {@code b} in {@code metric}, in either order:
   * the difference is b's mean minus a's, its interval likewise; the relative difference is given
   * in the order the comparison ran the candidates (NaN in the other).
   *
   * @throws SettingsException when {@code a} or {@code b} is not one of {@link #candidates()}, or
   *     both are the same
   */
  public Test test(String a, String b, Metric metric) {
    java.util.Objects.requireNonNull(metric, "metric");
    runsOf(a);
    runsOf(b);
    if (a.equals(b)) {
      throw new SettingsException("test: a and b are both " + a + "; give two different candidates");
    }
    return find(a, b, metric);
  }

  private Test find(String a, String b, Metric m) {
    for (Test t : comparisons) {
      if (t.metric() == m && t.a().equals(a) && t.b().equals(b)) {
        return t;
      }
      if (t.metric() == m && t.a().equals(b) && t.b().equals(a)) {
        return new Test(a, b, m, -t.difference(), -t.high(), -t.low(), t.p(), t.adjusted(), Double.NaN,
            Double.NaN, Double.NaN, t.foldP());
      }
    }
    return null;
  }

  /** The verdict, one sentence or short paragraph per entry. */
  public List<String> verdict() {
    return verdict;
  }

  /**
   * The candidate the verdict recommends: the best by KL when it is the first candidate (the
   * baseline) or significantly better than it (Holm-adjusted), else the baseline; the only
   * candidate when one trained. {@link #candidate(String)} gives its loss and parameters.
   */
  public String recommended() {
    String baseline = kept.get(0).candidate.id();
    String top = best.get(Metric.KL);
    return top.equals(baseline) || test(baseline, top, Metric.KL).adjusted() < ALPHA ? top : baseline;
  }

  /**
   * Whether {@code candidate} is shown to predict better than always predicting the training
   * folds' mean fractions: the whole 95 % interval of its KL's difference from the mean predictor's
   * lies below 0 (the paired test the verdict's "For scale" sentence reports).
   *
   * @throws SettingsException when {@code candidate} is not one of {@link #candidates()}
   */
  public boolean beatsMeanPredictor(String candidate) {
    runsOf(candidate);
    return againstMeanPredictor(candidate).relativeCiHigh() < 0;
  }

  /**
   * The candidate named {@code id}: its loss and loss parameters, what to train it with.
   *
   * @throws SettingsException when {@code id} is not one of {@link #candidates()}
   */
  public Candidate candidate(String id) {
    return runsOf(id).candidate;
  }

  /**
   * The settings to train {@code candidate} with on the comparison's data: its
   * {@link CompareConfig#training()} with the candidate's loss and the learning rate and weight
   * decay its searches chose most often over the folds (the larger learning rate on a tie; a chosen
   * weight decay of 0 keeps the training settings' own, as the searches' runs did), e.g.
   * {@code fracnet.train(data, result.trainingConfig(result.recommended()))}.
   *
   * @throws SettingsException when {@code candidate} is not one of {@link #candidates()}
   */
  public TrainingConfig trainingConfig(String candidate) {
    Map<Budget.Setting, Integer> counts = new LinkedHashMap<>();
    for (Map<String, Object> c : runsOf(candidate).chosen) {
      counts.merge(new Budget.Setting((Double) c.get("learning_rate"), (Double) c.get("weight_decay")), 1,
          Integer::sum);
    }
    Budget.Setting most = null;
    for (Map.Entry<Budget.Setting, Integer> e : counts.entrySet()) {
      if (most == null || e.getValue() > counts.get(most)
          || (e.getValue().equals(counts.get(most)) && e.getKey().learningRate() > most.learningRate())) {
        most = e.getKey();
      }
    }
    return Comparison.withSetting(config.training(), candidate(candidate), most);
  }

  /** The candidate with the best mean of {@code metric}. */
  public String bestFor(Metric metric) {
    return best.get(metric);
  }

  /**
   * The ids of the candidates that trained, in the order given, e.g. {@code [cross-entropy, mse,
   * weighted-mse{class-weights=inverse-mean}]}: the names the other methods take.
   */
  public List<String> candidates() {
    return kept.stream().map(r -> r.candidate.id()).toList();
  }

  /** The candidates left out because they could not be trained, each id with the reason; empty when none were. */
  public Map<String, String> droppedCandidates() {
    Map<String, String> out = new LinkedHashMap<>();
    droppedRuns().forEach(r -> out.put(r.candidate.id(), r.failure));
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * The mean of {@code metric} over the out-of-fold rows for {@code candidate} (averaged over the
   * repeats).
   *
   * @throws SettingsException when {@code candidate} is not one of {@link #candidates()}
   */
  public double mean(String candidate, Metric metric) {
    return metricsOf(candidate).mean().get(metric);
  }

  /**
   * The value of {@code metric} on each fold's test rows for {@code candidate}: {@code folds}
   * values, then as many again for each further repeat.
   *
   * @throws SettingsException when {@code candidate} is not one of {@link #candidates()}
   */
  public double[] perFold(String candidate, Metric metric) {
    return metricsOf(candidate).perFold().get(metric).clone();
  }

  /**
   * Per class (in the data's class order), {@code candidate}'s per-class measures over the
   * out-of-fold rows, keyed as in {@code results.json}'s {@code per_class}: {@code mse}, {@code
   * mae}, {@code kl} (the class's share of the KL, negative where the class is over-predicted;
   * the shares sum to the KL), {@code chebyshev}, {@code clark}, {@code canberra}, {@code cosine},
   * {@code intersection}, {@code mean_target}, {@code mean_predicted} and {@code
   * relative_error_of_mean} ({@link org.fracnet.core.metrics.MetricReport} defines each), and
   * {@value #MSE_SKILL} ({@link #MSE_SKILL}; NaN for a class the mean predictor predicts exactly).
   *
   * @throws SettingsException when {@code candidate} is not one of {@link #candidates()}
   */
  public Map<String, Map<String, Double>> perClass(String candidate) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    metricsOf(candidate).perClass().forEach((cls, values) ->
        out.put(cls, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * The mean of {@code metric} for always predicting the training folds' mean fractions, out of
   * fold: the score of a model that ignores the features, for scale.
   */
  public double meanPredictorMean(Metric metric) {
    return meanPredictor.mean().get(metric);
  }

  /**
   * Per class, the mean predictor's per-class measures over the out-of-fold rows, keyed as in
   * {@link #perClass(String)} (without {@value #MSE_SKILL}): the no-skill scale of each class.
   */
  public Map<String, Map<String, Double>> meanPredictorPerClass() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    meanPredictor.perClass().forEach((cls, values) ->
        out.put(cls, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    return java.util.Collections.unmodifiableMap(out);
  }

  private CandidateMetrics metricsOf(String candidate) {
    runsOf(candidate);
    return metrics.get(candidate);
  }

  private Comparison.Runs runsOf(String candidate) {
    for (Comparison.Runs r : kept) {
      if (r.candidate.id().equals(candidate)) {
        return r;
      }
    }
    String dropped = droppedCandidates().get(candidate);
    throw new SettingsException(dropped != null
        ? "candidate " + candidate + " was left out of this comparison: " + dropped
        : "no candidate " + candidate + " in this comparison; its candidates are " + String.join(", ", candidates()));
  }

  static boolean better(Metric m, double v, double than) {
    return m.higherIsBetter() ? v > than : v < than;
  }

  // ---- computation

  /**
   * Per repeat, the out-of-fold predictions of a model that ignores the features: for each test
   * row, the weighted mean fractions of its fold's training rows.
   */
  private double[][] meanPredictions() {
    int n = data.rows();
    int k = data.classCount();
    double[][] predictions = new double[testRows.length][n * k];
    boolean[] test = new boolean[n];
    for (int rep = 0; rep < testRows.length; rep++) {
      for (int[] rows : testRows[rep]) {
        java.util.Arrays.fill(test, false);
        for (int i : rows) {
          test[i] = true;
        }
        Dataset train = data.select(java.util.stream.IntStream.range(0, n).filter(i -> !test[i]).toArray());
        double[] mean = TargetStatistics.of(train.rows(), k, train.targets(), train.weights(),
            train.weightsAreCounts()).classMeans();
        for (int i : rows) {
          System.arraycopy(mean, 0, predictions[rep], i * k, k);
        }
      }
    }
    return predictions;
  }

  /** The mean predictor's metrics, out of fold (see {@link #meanPredictions}). */
  CandidateMetrics meanPredictor() {
    return meanPredictor;
  }

  /** KL of always predicting the training folds' mean fractions, out of fold. */
  double meanPredictorKl() {
    return meanPredictor.mean().get(Metric.KL);
  }

  /**
   * The paired test of the relative error of the mean of class {@code cls} (see {@link
   * PairedComparison#ofRelativeErrorOfMean}) between {@code a} and {@code b}, each candidate's
   * predictions averaged over repeats (the error is linear in them); {@code a} null stands for the
   * true fractions, whose error is 0, so that the difference and its interval are {@code b}'s own
   * relative error and its 95 % interval.
   */
  PairedComparison relativeErrorTest(String a, String b, String cls) {
    int n = data.rows();
    int k = data.classCount();
    double[] qA = a == null ? data.targets() : averagedPredictions(a);
    return PairedComparison.ofRelativeErrorOfMean(n, k, data.classNames().indexOf(cls), data.targets(), qA,
        averagedPredictions(b), data.weights(), groups);
  }

  /**
   * The paired test of the squared error of class {@code cls}'s fraction, row by row, between the
   * mean predictor (A) and {@code candidate} (B), each averaged over repeats: the relative
   * difference, negated, is {@code candidate}'s {@link #MSE_SKILL} for the class, with its 95 %
   * interval.
   */
  PairedComparison skillTest(String candidate, String cls) {
    int j = data.classNames().indexOf(cls);
    double[][] predictions = runsOf(candidate).predictions;
    return PairedComparison.of(squaredErrors(meanPredictions, j), squaredErrors(predictions, j), data.weights(), groups);
  }

  /** Per row, the squared error of class {@code j}'s fraction, averaged over the repeats' predictions. */
  private double[] squaredErrors(double[][] predictions, int j) {
    int n = data.rows();
    double[] out = new double[n];
    for (double[] q : predictions) {
      double[] rows = Metrics.perRowOfClass(Metric.MSE, n, data.classCount(), j, data.targets(), q);
      for (int i = 0; i < n; i++) {
        out[i] += rows[i] / predictions.length;
      }
    }
    return out;
  }

  /** Per repeat, {@code candidate}'s relative error of the mean of class {@code cls} (weighted as the metrics). */
  double[] relativeErrorPerRepeat(String candidate, String cls) {
    int j = data.classNames().indexOf(cls);
    int n = data.rows();
    int k = data.classCount();
    double[][] predictions = runsOf(candidate).predictions;
    double actual = 0; // the same in every repeat
    for (int i = 0; i < n; i++) {
      actual += data.weights()[i] * data.targets()[i * k + j];
    }
    double[] out = new double[predictions.length];
    for (int rep = 0; rep < predictions.length; rep++) {
      double predicted = 0;
      for (int i = 0; i < n; i++) {
        predicted += data.weights()[i] * predictions[rep][i * k + j];
      }
      out[rep] = predicted / actual - 1;
    }
    return out;
  }

  /** Whether {@code a} and {@code b} predict the same fractions for every row (averaged over repeats). */
  boolean samePredictions(String a, String b) {
    return java.util.Arrays.equals(averagedPredictions(a), averagedPredictions(b));
  }

  /** The number of repeats of the k-fold split. */
  int repeats() {
    return testRows.length;
  }

  private double[] averagedPredictions(String candidate) {
    double[][] predictions = runsOf(candidate).predictions;
    double[] mean = new double[predictions[0].length];
    for (double[] q : predictions) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += q[i] / predictions.length;
      }
    }
    return mean;
  }

  /** The paired test in KL of the mean predictor (A) against {@code candidate} (B), on the same rows. */
  PairedComparison againstMeanPredictor(String candidate) {
    return PairedComparison.of(meanPredictor.perRow().get(Metric.KL), metrics.get(candidate).perRow().get(Metric.KL),
        data.weights(), groups);
  }

  /** The metrics of out-of-fold predictions, one array per repeat. */
  private CandidateMetrics measure(double[][] predictions) {
    int n = data.rows();
    int k = data.classCount();
    int repeats = predictions.length;
    Map<Metric, Double> mean = new LinkedHashMap<>();
    Map<Metric, double[]> perFold = new LinkedHashMap<>();
    Map<Metric, double[]> perRow = new LinkedHashMap<>();
    Map<String, Map<String, Double>> perClass = new LinkedHashMap<>();
    for (Metric m : Metric.values()) {
      mean.put(m, 0.0);
      perFold.put(m, new double[repeats * config.folds()]);
      perRow.put(m, new double[n]);
    }
    for (int rep = 0; rep < repeats; rep++) {
      double[] q = predictions[rep];
      MetricReport all = Metrics.evaluate(n, data.classNames(), data.targets(), q, data.weights());
      for (Metric m : Metric.values()) {
        mean.put(m, mean.get(m) + all.get(m) / repeats);
        double[] rows = Metrics.perRow(m, n, k, data.targets(), q);
        double[] acc = perRow.get(m);
        for (int i = 0; i < n; i++) {
          acc[i] += rows[i] / repeats;
        }
      }
      all.perClass().forEach((cls, values) -> {
        Map<String, Double> target = perClass.computeIfAbsent(cls, x -> new LinkedHashMap<>());
        values.forEach((key, v) -> target.merge(key, v / repeats, Double::sum));
      });
      for (int f = 0; f < config.folds(); f++) {
        int[] rows = testRows[rep][f];
        double[] pf = new double[rows.length * k];
        double[] qf = new double[rows.length * k];
        double[] wf = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          System.arraycopy(data.targets(), rows[i] * k, pf, i * k, k);
          System.arraycopy(q, rows[i] * k, qf, i * k, k);
          wf[i] = data.weights()[rows[i]];
        }
        MetricReport one = Metrics.evaluate(rows.length, data.classNames(), pf, qf, wf);
        for (Metric m : Metric.values()) {
          perFold.get(m)[rep * config.folds() + f] = one.get(m);
        }
      }
    }
    return new CandidateMetrics(mean, perFold, perClass, perRow);
  }

  private void testAllPairs(Metric m) {
    List<Test> family = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      for (int j = i + 1; j < kept.size(); j++) {
        String a = kept.get(i).candidate.id();
        String b = kept.get(j).candidate.id();
        PairedComparison t = PairedComparison.of(metrics.get(a).perRow().get(m), metrics.get(b).perRow().get(m),
            data.weights(), groups);
        PairedComparison overFolds = PairedComparison.acrossFolds(metrics.get(a).perFold().get(m),
            metrics.get(b).perFold().get(m), 1.0 / (config.folds() - 1));
        family.add(new Test(a, b, m, t.difference(), t.ciLow(), t.ciHigh(), t.pValue(), Double.NaN,
            t.relativeDifference(), t.relativeCiLow(), t.relativeCiHigh(), overFolds.pValue()));
      }
    }
    double[] raw = family.stream().mapToDouble(Test::p).toArray();
    double[] adjusted = Statistics.holm(raw);
    for (int i = 0; i < family.size(); i++) {
      comparisons.add(family.get(i).adjusted(adjusted[i]));
    }
  }

  /** Each row's group: an index per distinct id. */
  static int[] groups(Dataset data) {
    Map<String, Integer> index = new java.util.HashMap<>();
    int[] groups = new int[data.rows()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = index.computeIfAbsent(data.id(i), id -> index.size());
    }
    return groups;
  }

  // ---- output

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Version of the {@code results.json} format: raised when a field is renamed or removed, not when
   * one is added. Version 1 (unnumbered) had {@code mean_predictor_kl} where version 2 has {@code
   * mean_predictor}.
   */
  public static final int FORMAT_VERSION = 2;

  /** The results as the indented JSON text written to {@code results.json} (docs/compare.md lists its fields). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(tree());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }

  /** What reading the data noted, each without the {@code source: } it starts with (results name the data). */
  List<String> dataNotes() {
    String prefix = data.source() + ": ";
    return data.notes().stream().map(n -> n.startsWith(prefix) ? n.substring(prefix.length()) : n).toList();
  }

  private ObjectNode tree() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("fracnet_version", org.fracnet.core.Fracnet.version());
    root.put("data", data.source());
    root.put("rows", data.rows());
    root.set("data_notes", JSON.valueToTree(dataNotes()));
    root.set("classes", JSON.valueToTree(data.classNames()));
    ObjectNode means = root.putObject("class_means");
    for (int j = 0; j < classMeans.length; j++) {
      means.put(data.classNames().get(j), classMeans[j]);
    }
    root.put("folds", config.folds());
    root.put("repeats", config.repeats());
    if (config.groupByIds()) {
      root.put("group", data.idColumn());
    } else {
      root.putNull("group");
    }
    root.put("budget", config.budget().id());
    root.put("seed", config.seed());
    root.put("architecture", config.training().architecture().toString());
    root.put("network", kept.isEmpty() ? null : kept.get(0).network);
    root.put("method", Statistics.METHOD);
    ArrayNode candidates = root.putArray("candidates");
    for (Comparison.Runs r : kept) {
      candidates.add(candidateJson(r));
    }
    ArrayNode dropped = root.putArray("dropped");
    for (Comparison.Runs r : droppedRuns()) {
      dropped.addObject().put("id", r.candidate.id()).put("reason", r.failure);
    }
    ArrayNode tests = root.putArray("comparisons");
    for (Test t : comparisons) {
      ObjectNode o = tests.addObject();
      o.put("a", t.a()).put("b", t.b()).put("metric", t.metric().key()).put("difference", t.difference());
      o.putArray("ci").add(t.low()).add(t.high());
      o.put("p_value", t.p()).put("p_adjusted", t.adjusted());
      if (Double.isFinite(t.foldP())) {
        o.put("p_across_folds", t.foldP());
      }
      if (Double.isFinite(t.relative())) {
        o.put("relative_difference_percent", t.relative());
        o.putArray("relative_ci_percent").add(t.relativeLow()).add(t.relativeHigh());
      }
    }
    ObjectNode bestNode = root.putObject("best");
    best.forEach((m, id) -> bestNode.put(m.key(), id));
    ObjectNode reference = root.putObject("mean_predictor");
    reference.put("description", "always predicts the training folds' mean fractions, ignoring the features");
    reference.set("metrics", metricsJson(meanPredictor));
    reference.set("per_class", JSON.valueToTree(meanPredictor.perClass()));
    root.set("small_classes", JSON.valueToTree(smallClasses));
    root.set("verdict", JSON.valueToTree(verdict));
    return root;
  }

  private ObjectNode candidateJson(Comparison.Runs r) {
    CandidateMetrics cm = metrics.get(r.candidate.id());
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.candidate.id());
    o.put("loss", r.candidate.loss());
    o.put("network", r.network);
    o.set("parameters", JSON.valueToTree(r.candidate.parameters()));
    o.set("resolved_parameters", JSON.valueToTree(r.resolvedParameters));
    o.set("chosen", JSON.valueToTree(r.chosen));
    o.set("metrics", metricsJson(cm));
    o.set("per_class", JSON.valueToTree(cm.perClass()));
    double[] q = r.predictions[0];
    int k = data.classCount();
    ObjectNode calibration = o.putObject("calibration");
    ObjectNode scatter = o.putObject("scatter");
    int[] sample = sample(data.rows(), SCATTER_POINTS, config.seed());
    for (int j = 0; j < k; j++) {
      String cls = data.classNames().get(j);
      calibration.set(cls, Statistics.calibration(data.rows(), k, j, data.targets(), q, data.weights()));
      ArrayNode points = scatter.putArray(cls);
      for (int i : sample) {
        points.addArray().add(data.targets()[i * k + j]).add(q[i * k + j]);
      }
    }
    ObjectNode curve = o.putObject("learning_curve");
    ArrayNode epochs = curve.putArray("epochs");
    ArrayNode training = curve.putArray("training_loss");
    ArrayNode validation = curve.putArray("validation_loss");
    for (double[] e : r.learningCurve) {
      epochs.add((int) e[0]);
      training.add(e[1]);
      validation.add(e[2]);
    }
    return o;
  }

  /** {@code {"kl": {"mean": ..., "per_fold": [...]}, ...}}. */
  private static ObjectNode metricsJson(CandidateMetrics cm) {
    ObjectNode ms = JSON.createObjectNode();
    for (Metric m : Metric.values()) {
      ObjectNode one = ms.putObject(m.key());
      one.put("mean", cm.mean().get(m));
      ArrayNode folds = one.putArray("per_fold");
      for (double v : cm.perFold().get(m)) {
        folds.add(v);
      }
    }
    return ms;
  }

  private static int[] sample(int n, int most, long seed) {
    if (n <= most) {
      return java.util.stream.IntStream.range(0, n).toArray();
    }
    int[] all = java.util.stream.IntStream.range(0, n).toArray();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < most; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(all, most);
    java.util.Arrays.sort(out);
    return out;
  }

  /** The summary as Markdown: the verdict, then the tables, readable in a terminal. */
  public String summaryMarkdown() {
    return new Summary(this, data, config).markdown();
  }

  /**
   * Writes {@code results.json}, {@code summary.md} and {@code index.html} into {@code dir}
   * (created if needed), each atomically, replacing files of an earlier report. The page is
   * rendered before any file is written, so a missing chart library leaves the folder as it was.
   *
   * @throws org.fracnet.core.SettingsException when the chart library {@code org.webjars.npm:echarts}
   *     is not on the class path (fracnet-core declares it optional); {@link #toJson()} and
   *     {@link #summaryMarkdown()} do not need it
   * @throws FracnetException when the folder cannot be written
   */
  public void write(Path dir) {
    ObjectNode json = tree();
    byte[] html = org.fracnet.core.compare.report.HtmlReport.render(json).getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new org.fracnet.core.OutputFileException("the report folder " + dir + " cannot be created: "
          + org.fracnet.core.io.IoErrors.reason(e) + "; write the report to another folder", e);
    }
    AtomicFile.write(dir.resolve(REPORT_FILES.get(0)), out -> out.write(JSON.writeValueAsBytes(json)));
    AtomicFile.write(dir.resolve(REPORT_FILES.get(1)), out -> out.write(summaryMarkdown().getBytes(StandardCharsets.UTF_8)));
    AtomicFile.write(dir.resolve(REPORT_FILES.get(2)), out -> out.write(html));
  }
}
