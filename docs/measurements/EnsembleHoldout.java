import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.fracnet.core.Fracnet;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.metrics.Metric;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.TrainingConfig;

/**
 * Defaults against an ensemble on rows no network saw: each of SPLITS outer splits holds out a
 * fifth of the file as a test set, trains on the rest (every network with its own 20 % validation
 * split for early stopping) and scores the test rows. Prints, per split and on average, the test KL,
 * the KL that FitResult.heldOut() reports (the first member's validation rows) and the wall time.
 *
 * <p>java -cp cli/target/fracnet-cli-0.1.0-SNAPSHOT-all.jar docs/measurements/EnsembleHoldout.java FILE.csv [MEMBERS] [SPLITS]
 */
public class EnsembleHoldout {
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int splits = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Dataset all = Dataset.readCsv(file, DatasetSpec.fractions("y*"));
    Fracnet fracnet = Fracnet.discover();
    fracnet.train(all, TrainingConfig.builder().epochs(2).build()); // warm-up: native libraries, JIT
    double[][] sums = new double[2][3];
    for (int s = 1; s <= splits; s++) {
      int n = all.rows();
      Integer[] order = new Integer[n];
      Arrays.setAll(order, i -> i);
      java.util.Collections.shuffle(Arrays.asList(order), new Random(s));
      int test = n / 5;
      int[] testRows = Arrays.stream(order, 0, test).mapToInt(Integer::intValue).sorted().toArray();
      int[] trainRows = Arrays.stream(order, test, n).mapToInt(Integer::intValue).sorted().toArray();
      Dataset train = all.select(trainRows);
      Dataset held = all.select(testRows);
      int[] sizes = {1, members};
      for (int k = 0; k < 2; k++) {
        long start = System.nanoTime();
        FitResult fit = fracnet.train(train, TrainingConfig.builder().validationFraction(0.2).seed(42)
            .ensemble(sizes[k]).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        double testKl = fit.model().evaluate(held).model().get(Metric.KL);
        double reported = fit.heldOut().model().get(Metric.KL);
        sums[k][0] += testKl / splits;
        sums[k][1] += reported / splits;
        sums[k][2] += seconds / splits;
        System.out.printf(Locale.ROOT, "%s split %d, ensemble %d: test KL %.5f, heldOut() KL %.5f, %.1f s%n",
            file.getFileName(), s, sizes[k], testKl, reported, seconds);
      }
    }
    System.out.printf(Locale.ROOT, "%s mean of %d splits: defaults test KL %.5f (heldOut() %.5f, %.1f s);"
        + " ensemble %d test KL %.5f (heldOut() %.5f, %.1f s); test KL %+.1f %%%n", file.getFileName(), splits,
        sums[0][0], sums[0][1], sums[0][2], members, sums[1][0], sums[1][1], sums[1][2],
        100 * (sums[1][0] / sums[0][0] - 1));
  }
}
