package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fracnet.core.DataException;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.Fracnet;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.spark.SparkFracnet;
import org.fracnet.spark.SparkMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fracnet-spark in Spark local mode ({@code local[2]}, one session for every test) against the
 * command line on the same files: scoring bit-identical to {@code fracnet predict}, lbfgs equal to
 * the local full-batch fit, Adam's test KL within 5 % of the local trainer's, bad input refused
 * with the CLI's kind of message. The spark-submit entry ({@link SparkMain}) runs in this JVM,
 * reusing the session.
 */
class SparkIT {
  @TempDir
  static Path dir;

  static SparkSession spark;
  static Path train;
  static Path test;
  static Path trainParquet;
  static final String TARGETS = String.join(",", DemoData.CLASSES);

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().master("local[2]").appName("fracnet SparkIT")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    train = dir.resolve("train.csv");
    test = dir.resolve("test.csv");
    try (OutputStream out = Files.newOutputStream(train)) {
      DemoData.generate(1600, 1, out);
    }
    try (OutputStream out = Files.newOutputStream(test)) {
      DemoData.generate(400, 2, out);
    }
    trainParquet = dir.resolve("train.parquet");
    spark.read().option("header", "true").option("inferSchema", "true").csv(train.toString())
        .write().parquet(trainParquet.toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Runs the spark-submit entry in this JVM. */
  static String[] sparkMain(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void scoringADataFrameIsBitIdenticalToFracnetPredict() throws Exception {
    Cli.run(dir, "train", "--data", "train.csv", "--targets", TARGETS, "--targets-are", "counts", "--id", "group_id",
        "--trainer", "java", "--hidden", "16,16", "--epochs", "5", "--out", "m.zip", "--quiet").expectSuccess();
    Cli.run(dir, "predict", "--model", "m.zip", "--data", "test.csv", "--out", "cli.csv").expectSuccess();
    Path testParquet = dir.resolve("test.parquet");
    spark.read().option("header", "true").csv(test.toString()).write().parquet(testParquet.toString());
    String[] run = sparkMain("predict", "--model", dir.resolve("m.zip").toString(), "--data", testParquet.toString(),
        "--out", dir.resolve("scored.parquet").toString(), "--prefix", "q_");
    assertThat(run[0]).as(run[2]).isEqualTo("0");
    Map<String, Row> scored = new HashMap<>();
    for (Row r : spark.read().parquet(dir.resolve("scored.parquet").toString()).collectAsList()) {
      scored.put(r.getString(r.fieldIndex("group_id")), r);
    }
    List<String> lines = Files.readAllLines(dir.resolve("cli.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    assertThat(lines).hasSize(401);
    int compared = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      Row row = scored.get(cells[0]);
      for (int j = 1; j < cells.length; j++) {
        assertThat(row.getDouble(row.fieldIndex("q_" + header.get(j)))).as("%s %s", cells[0], header.get(j))
            .isEqualTo(Double.parseDouble(cells[j]));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(400 * 6);
  }

  @Test
  void lbfgsOnSparkEqualsTheLocalFullBatchFit() throws Exception {
    Cli.run(dir, "train", "--data", "train.csv", "--targets", TARGETS, "--targets-are", "counts", "--id", "group_id",
        "--trainer", "java", "--arch", "linear", "--optimizer", "lbfgs", "--optimizer-param", "tolerance=1e-10",
        "--out", "local-lbfgs.zip", "--quiet")
        .expectSuccess();
    String[] run = sparkMain("train", "--data", trainParquet.toString(), "--targets", TARGETS, "--targets-are", "counts",
        "--id", "group_id", "--arch", "linear", "--optimizer", "lbfgs", "--optimizer-param", "tolerance=1e-10",
        "--out", dir.resolve("spark-lbfgs.zip").toString());
    assertThat(run[0]).as(run[2]).isEqualTo("0");
    Fracnet fracnet = Fracnet.discover();
    Model local = fracnet.load(dir.resolve("local-lbfgs.zip"));
    Model onSpark = fracnet.load(dir.resolve("spark-lbfgs.zip"));
    float[] a = local.network().join(local.weights());
    float[] b = onSpark.network().join(onSpark.weights());
    double weights = 0; // the largest difference relative to the weight (at least 1): float32 keeps 6e-8
    for (int i = 0; i < a.length; i++) {
      weights = Math.max(weights, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
    }
    Dataset rows = Dataset.readCsv(test, new DatasetSpec(TARGETS, TargetKind.COUNTS, null, null, "group_id"));
    double[] p = local.predict(rows.rows(), rows.features());
    double[] q = onSpark.predict(rows.rows(), rows.features());
    double fractions = 0;
    for (int i = 0; i < p.length; i++) {
      fractions = Math.max(fractions, Math.abs(p[i] - q[i]));
    }
    System.out.printf("SparkIT: lbfgs on Spark vs local: weights differ by %.2g (relative), test fractions by %.2g%n",
        weights, fractions);
    // Both to 1e-6: the model's output and its weights. The weights are only as equal as lbfgs's
    // stopping rule pins them in the flattest direction of the likelihood: with the default tolerance
    // (gradient norm below 1e-7) they differed by 1.3e-6 relative here, so both fits run to 1e-10.
    assertThat(fractions).isLessThan(1e-6);
    assertThat(weights).isLessThan(1e-6);
    assertThat(onSpark.run().trainer()).isEqualTo("spark");
  }

  @Test
  void adamOnSparkReachesTheLocalTrainersTestKl() {
    DatasetSpec spec = new DatasetSpec(TARGETS, TargetKind.COUNTS, null, null, "group_id");
    TrainingConfig config = TrainingConfig.builder().architecture(Architecture.mlp(32, 32)).batchSize(128)
        .learningRate(0.003).epochs(30).patience(5).build();
    FitResult local = Fracnet.discover().train(Dataset.readCsv(train, spec), config.toBuilder().trainer("java").build());
    FitResult onSpark = SparkFracnet.of(spark).named("train.parquet").train(spark.read().parquet(trainParquet.toString()),
        spec, config);
    Dataset rows = Dataset.readCsv(test, spec);
    double localKl = local.model().evaluate(rows).model().get(Metric.KL);
    double sparkKl = onSpark.model().evaluate(rows).model().get(Metric.KL);
    System.out.printf("SparkIT: Adam test KL on Spark %.5f, local %.5f%n", sparkKl, localKl);
    assertThat(sparkKl).isLessThan(localKl * 1.05);
    assertThat(onSpark.heldOut()).isNotNull();
  }

  @Test
  void aRunWhoseDriverStoppedResumesWithTheSameCommandAndResume() {
    Path model = dir.resolve("resumed.zip");
    Path checkpoint = dir.resolve("resumed.zip.checkpoint"); // the command's default beside --out
    DatasetSpec spec = new DatasetSpec(TARGETS, TargetKind.COUNTS, null, null, "group_id");
    // what the command below sets: mlp with hidden 8, 4 epochs, adam at its defaults
    TrainingConfig config = TrainingConfig.builder().architecture(Architecture.mlp(8)).epochs(4)
        .checkpoint(checkpoint).build();
    StopSignal stop = new StopSignal();
    assertThatThrownBy(() -> SparkFracnet.of(spark).named("train.parquet").train(
        spark.read().parquet(trainParquet.toString()), spec, config, new TrainingListener() {
          @Override
          public void epochDone(int epoch, double trainingLoss, double validationLoss) {
            if (epoch == 2) {
              stop.request(); // as a driver that dies after writing epoch 2's checkpoint
            }
          }
        }, stop)).isInstanceOf(TrainingInterruptedException.class);
    assertThat(checkpoint).exists();
    String[] train = {"train", "--data", trainParquet.toString(), "--targets", TARGETS, "--targets-are", "counts",
        "--id", "group_id", "--hidden", "8", "--epochs", "4", "--out", model.toString()};
    String[] again = sparkMain(train);
    assertThat(again[0]).as("without --resume the earlier run's checkpoint is refused").isEqualTo("2");
    assertThat(again[2]).contains(checkpoint.toString()).contains("--resume");
    String[] resumed = sparkMain(java.util.stream.Stream.concat(java.util.Arrays.stream(train),
        java.util.stream.Stream.of("--resume")).toArray(String[]::new));
    assertThat(resumed[0]).as(resumed[2]).isEqualTo("0");
    assertThat(resumed[1]).contains("resumed after epoch 2 from " + checkpoint).contains("after 4 epochs");
    assertThat(checkpoint).doesNotExist();
    assertThat(Fracnet.discover().load(model).summary().epochs()).isEqualTo(4);
  }

  @Test
  void aNegativeCountFailsWithTheCsvReadersMessageAndTheRowsValues() throws Exception {
    List<String> lines = Files.readAllLines(train);
    String[] cells = lines.get(3).split(",");
    cells[cells.length - 5] = "-1";
    lines.set(3, String.join(",", cells));
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, lines);
    Cli.Result cli = Cli.run(dir, "train", "--data", "bad.csv", "--targets", TARGETS, "--targets-are", "counts",
        "--id", "group_id", "--out", "bad.zip");
    assertThat(cli.exitCode()).isEqualTo(2);
    String[] run = sparkMain("train", "--data", bad.toString(), "--targets", TARGETS, "--targets-are", "counts",
        "--id", "group_id", "--out", dir.resolve("bad-spark.zip").toString());
    assertThat(run[0]).isEqualTo("2");
    String problem = "column bus: -1.0 is negative; counts must be >= 0 (fix the row, or use --on-invalid skip to drop"
        + " such rows)";
    assertThat(cli.err()).contains("line 4, " + problem);
    assertThat(run[2]).startsWith("fracnet-spark: error: " + bad).contains(problem)
        .contains("{age=" + cells[1] + ", ").contains("bus=-1.0");
  }

  @Test
  void aNaNInADataFrameNamesTheColumnTheValueAndTheRow() {
    StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y1", DataTypes.DoubleType)
        .add("y2", DataTypes.DoubleType);
    org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(1.0, 0.5, 0.5),
        RowFactory.create(Double.NaN, 0.25, 0.75)), schema);
    assertThatThrownBy(() -> SparkFracnet.of(spark).named("votes").train(df, DatasetSpec.fractions("y*"),
        TrainingConfig.builder().epochs(1).validationFraction(0).build()))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("votes, partition ")
        .hasMessageContaining("{x=NaN, y1=0.25, y2=0.75}, column x: NaN is not finite; values must be finite numbers");
  }

  @Test
  void aMissingColumnFailsAsOnTheCommandLineBeforeAnyJob() throws Exception {
    Cli.Result cli = Cli.run(dir, "train", "--data", "train.csv", "--targets", "car,bus,boat", "--out", "x.zip");
    String[] run = sparkMain("train", "--data", trainParquet.toString(), "--targets", "car,bus,boat",
        "--out", dir.resolve("x-spark.zip").toString());
    assertThat(run[0]).isEqualTo("2");
    String problem = ": --targets column 'boat' is not in the header; the columns are";
    assertThat(cli.err()).contains("train.csv" + problem);
    assertThat(run[2]).contains(trainParquet + problem);
  }
}
