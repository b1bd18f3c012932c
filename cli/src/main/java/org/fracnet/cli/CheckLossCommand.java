package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fracnet.core.FracnetException;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.io.IoErrors;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.losses.tck.CheckResult;
import org.fracnet.losses.tck.LossContract;
import org.fracnet.losses.tck.ReferenceComparison;
import org.fracnet.losses.tck.ReferenceComparison.CaseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fracnet check-loss}: the contract checks, and optionally a comparison with reference values. */
@Command(name = "check-loss", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check that a loss keeps the loss contract, and compare it with reference values.",
        "Runs the contract checks (gradient, propriety, weights, batch independence, purity, thread safety,",
        "error handling) on any discovered loss, and with --reference compares its value, gradient and",
        "predictions with reference values (e.g. from a PyTorch or NumPy prototype).",
        "Exit status 0 when everything passes, 1 on a failed check or a mismatch."})
final class CheckLossCommand implements Callable<Integer> {
  private final Plugins plugins;

  @Option(names = "--loss", paramLabel = "ID", required = true, description = "Loss id (see 'fracnet losses').")
  String loss;

  @Option(names = "--loss-param", paramLabel = "K=V",
      description = "A loss parameter; repeatable. With --reference it is added to every case's own params.")
  List<String> lossParams = new ArrayList<>();

  @Option(names = "--classes", defaultValue = "6", description = "K for the contract checks. Default: ${DEFAULT-VALUE}.")
  int classes;

  @Option(names = "--reference", paramLabel = "FILE",
      description = "JSON reference values: {\"cases\": [{loss, params, n, k, m, z, p, w, value, grad, pred}]}.")
  Path reference;

  @Option(names = "--tolerance", defaultValue = "1e-9",
      description = "Largest accepted relative error against the reference. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Spec
  CommandSpec spec;

  @Inject
  CheckLossCommand(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    LossProvider provider = plugins.losses().require(loss);
    Parameters params = Parameters.parse("loss " + loss, lossParams);
    if (classes < 2) {
      throw new FracnetException("--classes " + classes + " is too small; use 2 or more");
    }
    boolean ok = true;
    LossContract contract = LossContract.forProvider(provider, params, classes);
    out.println("contract checks of " + loss + (params.asMap().isEmpty() ? "" : " [" + params + "]")
        + " with K=" + classes + ":");
    for (CheckResult r : contract.runAll()) {
      out.printf(Locale.ROOT, "  %s %-28s %s%n", r.passed() ? "PASS" : "FAIL", r.name(), r.detail());
      ok &= r.passed();
    }
    if (reference != null) {
      ok &= compare(out, provider);
    }
    out.println(ok ? "all checks passed" : "some checks FAILED");
    return ok ? 0 : 1;
  }

  private boolean compare(PrintWriter out, LossProvider provider) throws IOException {
    ReferenceComparison.Report report;
    try (InputStream in = Files.newInputStream(reference)) {
      report = ReferenceComparison.compare(in, reference.toString(), tolerance,
          Parameters.parse("loss " + loss, lossParams).asMap(), provider.getClass().getClassLoader());
    } catch (NoSuchFileException e) {
      throw new FracnetException("--reference " + reference + " does not exist; check the path");
    } catch (IOException e) {
      throw new FracnetException("--reference " + reference + " cannot be read: " + IoErrors.reason(e)
          + "; give a readable JSON file");
    }
    List<CaseResult> mine = report.cases().stream().filter(c -> c.lossId().equals(loss)).toList();
    if (mine.isEmpty()) {
      throw new FracnetException(reference + " has no cases for loss '" + loss + "'; its cases are for "
          + report.cases().stream().map(CaseResult::lossId).distinct().toList());
    }
    double value = 0;
    double grad = 0;
    double pred = 0;
    int failed = 0;
    boolean onlyPredictions = true;
    for (CaseResult c : mine) {
      value = Math.max(value, c.valueError());
      grad = Math.max(grad, c.gradError());
      pred = Math.max(pred, c.predError());
      if (!c.passed()) {
        failed++;
        out.println("  " + c);
        onlyPredictions &= c.valueError() <= tolerance && c.gradError() <= tolerance;
      }
    }
    out.printf(Locale.ROOT, "reference %s: %d cases of %s, %d failed; largest relative error: value %.2e, gradient %.2e,"
        + " predictions %.2e (tolerance %.0e)%n", reference, mine.size(), loss, failed, value, grad, pred, tolerance);
    if (failed > 0 && onlyPredictions) {
      out.println("  only the predictions differ: the reference may use another link; e.g. for cross-entropy"
          + " with class weights it computes softmax(z), which --loss-param debias=false gives");
    }
    return failed == 0;
  }
}
