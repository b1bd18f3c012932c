package org.fracnet.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fracnet.core.Fracnet;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.spark.SparkFracnet;

/**
 * The Spark benchmark of docs/spark.md (never part of the default build):
 * <pre>mvn -B -o -Pspark-bench -pl it-tests -am verify -DskipTests</pre>
 * For each data set (the demo data, generated; {@code -Dspark.bench.data=a.csv,b.csv} for files of
 * fractions with targets {@code y*}): 80 % of the rows train, 20 % test (shuffled with seed 1).
 * The local {@code java} trainer, Spark {@code local[1]} and {@code local[2]} with synchronous
 * steps, and {@code local[2]} with parameter averaging train with Adam and the defaults (mlp 64,64,
 * batch 64, lr 0.001, at most {@code spark.bench.epochs} epochs, patience 10, validation 0.2); a
 * linear model with lbfgs locally and on Spark; each model's KL on the test rows. Then scoring: a
 * generated file of {@code spark.bench.scoreRows} rows through {@code Model.predictCsv} (what
 * {@code fracnet predict} runs) and through Spark from Parquet. Wall times include Spark's jobs,
 * not its start-up. Writes Markdown to {@code spark.bench.out}.
 */
public final class SparkBench {
  private SparkBench() {}

  record Result(String data, String run, double seconds, double testKl, int epochs, String note) {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(System.getProperty("spark.bench.out", "target/spark-bench/results.md"));
    Files.createDirectories(out.getParent());
    Path work = Files.createTempDirectory("fracnet-spark-bench");
    int epochs = Integer.getInteger("spark.bench.epochs", 100);
    int scoreRows = Integer.getInteger("spark.bench.scoreRows", 500_000);
    List<Result> results = new ArrayList<>();
    List<String> sets = new ArrayList<>(List.of("demo"));
    String more = System.getProperty("spark.bench.data", "");
    if (!more.isBlank()) {
      sets.addAll(List.of(more.split(",")));
    }
    Fracnet fracnet = Fracnet.discover();
    for (String set : sets) {
      Path csv;
      DatasetSpec spec;
      if (set.equals("demo")) {
        csv = work.resolve("demo.csv");
        try (OutputStream o = Files.newOutputStream(csv)) {
          DemoData.generate(2000, 42, o);
        }
        spec = new DatasetSpec(String.join(",", DemoData.CLASSES), TargetKind.COUNTS, null, null, "group_id");
      } else {
        csv = Path.of(set);
        spec = DatasetSpec.fractions("y*");
      }
      String name = csv.getFileName().toString().replace(".csv", "");
      Path[] split = split(csv, work.resolve(name));
      Dataset train = Dataset.readCsv(split[0], spec);
      Dataset test = Dataset.readCsv(split[1], spec);
      TrainingConfig adam = TrainingConfig.builder().epochs(epochs).build();
      TrainingConfig lbfgs = TrainingConfig.builder().architecture(Architecture.linear())
          .optimizer(OptimizerSettings.lbfgs()).build();
      results.add(local(fracnet, name, "local java, Adam", train, test, adam));
      results.add(local(fracnet, name, "local java, lbfgs linear", train, test, lbfgs));
      for (String master : List.of("local[1]", "local[2]")) {
        SparkSession spark = session(master);
        Path parquet = work.resolve(name + "-train.parquet");
        if (!Files.exists(parquet)) {
          spark.read().option("header", "true").option("inferSchema", "true").csv(split[0].toString())
              .write().parquet(parquet.toString());
        }
        org.apache.spark.sql.Dataset<Row> rows = spark.read().parquet(parquet.toString()).cache();
        rows.count();
        SparkFracnet onSpark = SparkFracnet.of(spark);
        results.add(spark(onSpark, name, master + " Adam, sync steps", rows, spec, test,
            adam.toBuilder().trainer("spark", Map.of("sync", "steps")).build()));
        if (master.equals("local[2]")) {
          results.add(spark(onSpark, name, master + " Adam, parameter averaging", rows, spec, test,
              adam.toBuilder().trainer("spark", Map.of("sync", "average")).build()));
          results.add(spark(onSpark, name, master + " Adam, parameter averaging, lr 0.003", rows, spec, test,
              adam.toBuilder().learningRate(0.003).trainer("spark", Map.of("sync", "average")).build()));
        }
        results.add(spark(onSpark, name, master + " lbfgs linear", rows, spec, test, lbfgs));
        rows.unpersist();
        spark.stop();
      }
    }
    List<String> scoring = scoring(fracnet, work, scoreRows);
    String md = markdown(results, scoring, epochs);
    Files.writeString(out, md);
    System.out.println(md);
  }

  static SparkSession session(String master) {
    return SparkSession.builder().master(master).appName("fracnet spark bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  /** The rows of {@code csv} shuffled with seed 1, 80 % to a training file and 20 % to a test file. */
  static Path[] split(Path csv, Path prefix) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = rows.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String t = rows.get(i);
      rows.set(i, rows.get(j));
      rows.set(j, t);
    }
    int cut = (int) Math.round(rows.size() * 0.8);
    Path train = Path.of(prefix + "-train.csv");
    Path test = Path.of(prefix + "-test.csv");
    List<String> a = new ArrayList<>(List.of(lines.get(0)));
    a.addAll(rows.subList(0, cut));
    List<String> b = new ArrayList<>(List.of(lines.get(0)));
    b.addAll(rows.subList(cut, rows.size()));
    Files.write(train, a);
    Files.write(test, b);
    return new Path[] {train, test};
  }

  static Result local(Fracnet fracnet, String data, String run, Dataset train, Dataset test, TrainingConfig config) {
    long start = System.nanoTime();
    FitResult fit = fracnet.train(train, config.toBuilder().trainer("java").build());
    return result(data, run, start, fit, test);
  }

  static Result spark(SparkFracnet fracnet, String data, String run, org.apache.spark.sql.Dataset<Row> rows,
      DatasetSpec spec, Dataset test, TrainingConfig config) {
    long start = System.nanoTime();
    FitResult fit = fracnet.train(rows, spec, config);
    return result(data, run, start, fit, test);
  }

  static Result result(String data, String run, long start, FitResult fit, Dataset test) {
    double seconds = (System.nanoTime() - start) / 1e9;
    Model model = fit.model();
    Result r = new Result(data, run, seconds, model.evaluate(test).model().get(Metric.KL), model.summary().epochs(),
        model.summary().stopReason());
    System.out.printf(Locale.ROOT, "%s | %s | %.1f s | KL %.5f | %d epochs | %s%n", data, run, seconds, r.testKl(),
        r.epochs(), r.note());
    return r;
  }

  /** Scoring a generated file: predictCsv (fracnet predict's path) and Spark from Parquet. */
  static List<String> scoring(Fracnet fracnet, Path work, int n) throws IOException {
    Path train = work.resolve("score-train.csv");
    try (OutputStream o = Files.newOutputStream(train)) {
      DemoData.generate(2000, 7, o);
    }
    Path big = work.resolve("score.csv");
    try (OutputStream o = Files.newOutputStream(big)) {
      DemoData.generate(n, 8, o);
    }
    Model model = fracnet.train(Dataset.readCsv(train, new DatasetSpec(String.join(",", DemoData.CLASSES),
        TargetKind.COUNTS, null, null, "group_id")), TrainingConfig.builder().trainer("java").epochs(5).build()).model();
    List<String> lines = new ArrayList<>();
    long start = System.nanoTime();
    model.predictCsv(big, work.resolve("predicted.csv"));
    double local = (System.nanoTime() - start) / 1e9;
    lines.add(String.format(Locale.ROOT, "| Model.predictCsv (fracnet predict), CSV to CSV | %.1f s | %.0f |", local,
        n / local));
    for (String master : List.of("local[1]", "local[2]")) {
      SparkSession spark = session(master);
      Path parquet = work.resolve("score.parquet");
      if (!Files.exists(parquet)) {
        spark.read().option("header", "true").option("inferSchema", "true").csv(big.toString()).repartition(8)
            .write().parquet(parquet.toString());
      }
      SparkFracnet onSpark = SparkFracnet.of(spark);
      org.apache.spark.sql.Dataset<Row> rows = spark.read().parquet(parquet.toString());
      onSpark.score(model, rows, "q_").write().mode("overwrite").parquet(work.resolve("warm.parquet").toString());
      start = System.nanoTime();
      onSpark.score(model, rows, "q_").write().mode("overwrite").parquet(work.resolve("scored.parquet").toString());
      double seconds = (System.nanoTime() - start) / 1e9;
      lines.add(String.format(Locale.ROOT, "| Spark %s, Parquet to Parquet (second run) | %.1f s | %.0f |", master,
          seconds, n / seconds));
      spark.stop();
    }
    lines.forEach(System.out::println);
    return lines;
  }

  static String markdown(List<Result> results, List<String> scoring, int epochs) {
    StringBuilder s = new StringBuilder();
    s.append("Spark benchmark, ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, at most ").append(epochs).append(" epochs\n\n");
    s.append("| data | run | seconds | test KL | epochs | stopped |\n| --- | --- | ---: | ---: | ---: | --- |\n");
    for (Result r : results) {
      s.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.5f | %d | %s |%n", r.data(), r.run(), r.seconds(),
          r.testKl(), r.epochs(), r.note()));
    }
    s.append("\n| scoring | seconds | rows/s |\n| --- | ---: | ---: |\n");
    scoring.forEach(l -> s.append(l).append('\n'));
    return s.toString();
  }
}
