import java.util.List;
import org.fracnet.core.metrics.MetricReport;
import org.fracnet.core.metrics.Metrics;

/**
 * Stands in for the complete example of docs/library.md in LibraryExampleIT until that page is on
 * this branch: a class with a main that uses fracnet-core from a fresh project.
 */
public class StandInExample {
  public static void main(String[] args) {
    double[] targets = {0.5, 0.5, 0.2, 0.8};
    double[] predictions = {0.6, 0.4, 0.3, 0.7};
    MetricReport report = Metrics.evaluate(2, List.of("a", "b"), targets, predictions, null);
    System.out.println(report.overallByKey());
  }
}
