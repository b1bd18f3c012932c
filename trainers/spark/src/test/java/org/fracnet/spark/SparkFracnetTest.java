package org.fracnet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fracnet.core.Fracnet;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.OptimizerSettings;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark API in local mode on small data built in memory; one session for all tests. */
class SparkFracnetTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("fracnet-spark-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The demo data's first {@code n} rows as a DataFrame: features, counts. */
  static Dataset<Row> demo(int n) {
    org.fracnet.core.data.Dataset demo = DemoData.dataset();
    List<String> names = new ArrayList<>(demo.featureNames());
    names.addAll(demo.classNames());
    StructType schema = new StructType();
    for (String c : names) {
      schema = schema.add(c, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    int d = demo.featureCount();
    int k = demo.classCount();
    for (int i = 0; i < n; i++) {
      Object[] v = new Object[d + k];
      for (int j = 0; j < d; j++) {
        v[j] = demo.features()[i * d + j];
      }
      for (int j = 0; j < k; j++) {
        v[d + j] = demo.targets()[i * k + j] * demo.weights()[i];
      }
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, schema);
  }

  static DatasetSpec counts() {
    return new DatasetSpec("car,bus,bike,walk,train,ferry", TargetKind.COUNTS, null, null, null);
  }

  @Test
  void scoresAsTheModelPredicts() {
    Dataset<Row> df = demo(300);
    FitResult fit = Fracnet.discover().train(DemoData.dataset(), TrainingConfig.builder().trainer("java")
        .architecture(Architecture.mlp(8)).epochs(2).build());
    Model model = fit.model();
    List<Row> scored = SparkFracnet.of(spark).score(model, df, "q_").collectAsList();
    assertThat(scored).hasSize(300);
    int d = model.featureNames().size();
    double[] x = new double[300 * d];
    for (int i = 0; i < 300; i++) {
      Row r = scored.get(i);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = r.getDouble(r.fieldIndex(model.featureNames().get(j)));
      }
    }
    double[] q = model.predict(300, x);
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < model.classNames().size(); j++) {
        Row r = scored.get(i);
        assertThat(r.getDouble(r.fieldIndex("q_" + model.classNames().get(j)))).isEqualTo(q[i * 6 + j]);
      }
    }
  }

  @Test
  void lbfgsEqualsTheLocalFullBatchFit() {
    Dataset<Row> df = demo(2000);
    TrainingConfig config = TrainingConfig.builder().architecture(Architecture.linear())
        .optimizer(OptimizerSettings.lbfgs()).build();
    FitResult local = Fracnet.discover().train(DemoData.dataset(), config.toBuilder().trainer("java").build());
    long start = System.nanoTime();
    FitResult onSpark = SparkFracnet.of(spark).train(df, counts(), config);
    System.out.printf("lbfgs on spark: %.1f s, %s%n", (System.nanoTime() - start) / 1e9, onSpark.model().summary());
    float[] a = local.model().network().join(local.model().weights());
    float[] b = onSpark.model().network().join(onSpark.model().weights());
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    System.out.println("largest weight difference " + worst);
    assertThat(worst).isLessThan(1e-6);
  }

  @Test
  void aStoppedRunResumesFromItsCheckpointAsAnUninterruptedRunEnds(@TempDir Path dir) {
    Dataset<Row> df = demo(600);
    Path checkpoint = dir.resolve("model.checkpoint");
    TrainingConfig config = TrainingConfig.builder().architecture(Architecture.mlp(8)).epochs(4).patience(10)
        .checkpoint(checkpoint).build();
    SparkFracnet fracnet = SparkFracnet.of(spark);
    FitResult whole = fracnet.train(df, counts(), config.toBuilder().checkpoint(null).build());

    StopSignal stop = new StopSignal();
    TrainingListener stopAfterTwo = new TrainingListener() {
      @Override
      public void epochDone(int epoch, double trainingLoss, double validationLoss) {
        if (epoch == 2) {
          stop.request();
        }
      }
    };
    assertThatThrownBy(() -> fracnet.train(df, counts(), config, stopAfterTwo, stop))
        .isInstanceOf(TrainingInterruptedException.class)
        .hasMessageContaining("the checkpoint " + checkpoint + " holds the 2 epochs done");
    assertThat(checkpoint).exists();

    assertThatThrownBy(() -> fracnet.train(df, counts(), config.toBuilder().learningRate(0.01).resume(true).build()))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("was written by another run (learningRate: 0.001 -> 0.01)");

    FitResult resumed = fracnet.train(df, counts(), config.toBuilder().resume(true).build());
    assertThat(resumed.resumedAfterEpoch()).isEqualTo(2);
    assertThat(resumed.model().summary().epochs()).isEqualTo(4);
    float[] a = whole.model().network().join(whole.model().weights());
    float[] b = resumed.model().network().join(resumed.model().weights());
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    assertThat(worst).as("treeAggregate sums in the order tasks finish: equal to the last bits").isLessThan(1e-5);

    resumed.save(dir.resolve("model.zip"), checkpoint);
    assertThat(checkpoint).doesNotExist();
    assertThat(dir.resolve("model.zip")).exists();
  }

  @Test
  void aMissingColumnFailsBeforeAnyJob() {
    assertThatThrownBy(() -> SparkFracnet.of(spark).train(demo(10), new DatasetSpec("car,bus,boat",
        TargetKind.COUNTS, null, null, null), TrainingConfig.defaults()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DatasetSpec.targets column 'boat' is not in the header; the columns are");
  }
}
