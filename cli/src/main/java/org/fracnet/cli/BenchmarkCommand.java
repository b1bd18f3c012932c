package org.fracnet.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fracnet.core.Fracnet;
import org.fracnet.core.benchmark.BenchmarkReport;
import org.fracnet.core.benchmark.LdlBenchmark;
import org.fracnet.core.benchmark.PublishedResults;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.io.AtomicFile;
import org.fracnet.core.io.OutputFiles;
import org.fracnet.core.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fracnet benchmark}: maps its flags onto {@link LdlBenchmark.Config}, runs
 * {@link LdlBenchmark} on each file and prints {@link BenchmarkReport}'s Markdown.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"fracnet under the label-distribution protocol (González et al. 2021): 10-fold cross-validation,"
        + " the six measures of Geng (2016) averaged over each fold's test rows, mean ± sd over folds, beside the"
        + " published SA-BFGS and the best published result of the same protocol.",
        "Tuning runs inside each training fold only. Prints Markdown; see docs/benchmarks.md."})
final class BenchmarkCommand implements Callable<Integer> {
  private final Fracnet fracnet;
  private final Activity activity;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "Data sets (CSV with a header; targets as --targets), named in tables by their file name,"
          + " e.g. ../shared/data/Yeast_spo5.csv.")
  List<Path> files;

  @Option(names = "--targets", paramLabel = "SPEC", description = "Target columns. Default: "
      + LdlBenchmark.Config.DEFAULT_TARGETS + ".")
  String targets = LdlBenchmark.Config.DEFAULT_TARGETS;

  @Option(names = "--published", paramLabel = "FILE", required = true,
      description = "Markdown file of published results (tables under '10-fold CV' headings), e.g."
          + " ../shared/reference/ldl-published.md.")
  Path published;

  @Option(names = "--recipes", paramLabel = "LIST", split = ",",
      description = "Which models: baseline (linear + L-BFGS, SA-BFGS), defaults, tuned. Default: all three.")
  List<String> recipes;

  @Option(names = "--budget", paramLabel = "SIZE", description = "Search of the tuned recipe: quick (the default),"
      + " standard or thorough.")
  String budget;

  @Option(names = "--ensemble", paramLabel = "N", description = "Networks per model of defaults and tuned. Default: "
      + TrainingConfig.DEFAULT_ENSEMBLE + ".")
  int ensemble = TrainingConfig.DEFAULT_ENSEMBLE;

  @Option(names = "--folds", paramLabel = "K", description = "Folds. Default: " + LdlBenchmark.Config.DEFAULT_FOLDS + ".")
  int folds = LdlBenchmark.Config.DEFAULT_FOLDS;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the split and the runs. Default: "
      + LdlBenchmark.Config.DEFAULT_SEED + ".")
  long seed = LdlBenchmark.Config.DEFAULT_SEED;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown to FILE, again after every data set (a stopped run keeps the sets it finished).")
  Path out;

  @Mixin
  ForceOption force;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Spec
  CommandSpec spec;

  @Inject
  BenchmarkCommand(Fracnet fracnet, Activity activity) {
    this.fracnet = fracnet;
    this.activity = activity;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (out != null) {
      OutputFiles outputs = OutputFiles.of(force.overwrite()).input("published results", published);
      files.forEach(f -> outputs.input("data file", f));
      outputs.output("benchmark report", out).check();
    }
    PublishedResults reference = PublishedResults.read(published);
    List<LdlBenchmark.Recipe> chosen = recipes == null ? Arrays.asList(LdlBenchmark.Recipe.values())
        : recipes.stream().map(LdlBenchmark.Recipe::of).toList();
    LdlBenchmark.Config config = new LdlBenchmark.Config(folds, seed, chosen,
        budget == null ? LdlBenchmark.Config.DEFAULT_BUDGET : Budget.of(budget), ensemble);
    List<LdlBenchmark.SetResult> results = new ArrayList<>();
    String markdown = "";
    long start = System.nanoTime();
    for (Path file : files) {
      String name = file.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
      activity.now("reading " + file);
      Dataset data = Dataset.readCsv(file, DatasetSpec.fractions(targets),
          warning -> stderr.println("fracnet: warning: " + Flags.translate(warning)));
      if (!reference.has(name) && !quiet) {
        stderr.println("fracnet: note: " + published + " has no result for " + name + "; fracnet's rows only");
      }
      activity.now("benchmarking " + name);
      long setStart = System.nanoTime();
      results.add(LdlBenchmark.run(fracnet, name, data, config, (done, total, recipe, fold) -> {
        if (!quiet) {
          double seconds = (System.nanoTime() - setStart) / 1e9;
          stderr.printf(Locale.ROOT, "%s: %s fold %d (%d of %d runs) %.0f s, about %.0f s left%n", name, recipe.id(),
              fold, done, total, seconds, seconds / done * (total - done));
          stderr.flush();
        }
      }));
      markdown = BenchmarkReport.markdown(results, reference, config);
      if (out != null) { // after every set, so that a run stopped later keeps the sets it finished
        activity.finishing("writing " + out);
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(out, stream -> stream.write(bytes));
      }
    }
    stdout.print(markdown);
    stdout.printf(Locale.ROOT, "%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    if (out != null) {
      stderr.println("report written to " + out);
    }
    return 0;
  }
}
