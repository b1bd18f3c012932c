package org.fracnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streaming benchmark of docs/scale.md: streamed training on a large {@code .csv.gz} of the
 * benchmark task against in-memory training on a sample of it, each a fresh {@code ./fracnet}
 * process as a user runs it, measured by {@code /usr/bin/time} (peak RSS) and the model's summary
 * (samples/s over the epochs, which all read the binary cache; the first pass over the CSV is
 * timed apart), each model's KL on the same test file. Also the sample streamed, which isolates
 * the effect of the shuffling scheme (groups of chunks) from that of having more rows.
 *
 * <p>{@code java -cp it-tests/target/test-classes org.fracnet.bench.StreamingBench DIR [BIG_ROWS
 * SAMPLE_ROWS EPOCHS]} from the repository root (defaults 20,000,000, 2,000,000, 3; 0 epochs only
 * generates the files); the files
 * are generated in DIR (never committed) and kept for later runs; results go to stdout and
 * {@code DIR/streaming-results.md}.
 */
public final class StreamingBench {
  private static final Pattern SAMPLES = Pattern.compile("([0-9.]+) samples/s");
  private static final Pattern KL = Pattern.compile("(?m)^kl\\s+([0-9.]+)");
  private static final Pattern CACHED = Pattern.compile("cached (\\d+) rows");

  private final Path dir;
  private final Path launcher = Path.of("fracnet").toAbsolutePath();
  private final List<String> lines = new ArrayList<>();

  private StreamingBench(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "it-tests/target/bench-stream").toAbsolutePath();
    int big = args.length > 1 ? Integer.parseInt(args[1]) : 20_000_000;
    int sample = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Files.createDirectories(dir);
    new StreamingBench(dir).run(big, sample, epochs);
  }

  private void run(int big, int sample, int epochs) throws Exception {
    String bigFile = "big-" + big + ".csv.gz";
    String sampleFile = "sample-" + sample + ".csv";
    if (!Files.exists(dir.resolve(bigFile)) || !Files.exists(dir.resolve(sampleFile))
        || !Files.exists(dir.resolve("test.csv"))) {
      long t0 = System.nanoTime();
      TaskGenerator task = new TaskGenerator(BenchConfig.DEFAULT_SEED);
      task.write(dir.resolve(sampleFile), sample); // one stream of rows: sample, big, test never overlap
      task.write(dir.resolve(bigFile), big);
      task.write(dir.resolve("test.csv"), 200_000);
      say(String.format(Locale.ROOT, "generated the files in %.0f s", (System.nanoTime() - t0) / 1e9));
    }
    if (epochs == 0) {
      return; // generate only
    }
    say("| run | rows | first pass (s) | train (s) | samples/s | peak RSS (MiB) | test KL |");
    say("| --- | --- | --- | --- | --- | --- | --- |");
    Row memory = train("in memory", sampleFile, "memory", epochs);
    Row sampled = train("streamed, cold cache", sampleFile, "stream", epochs);
    train("streamed, warm cache", sampleFile, "stream", epochs);
    Row streamed = train("streamed, cold cache", bigFile, "stream", epochs);
    say("");
    say(String.format(Locale.ROOT, "streamed %s / in memory %s: samples/s %.2fx, peak RSS %.0f MiB (target < 1024)",
        bigFile, sampleFile, streamed.samplesPerSecond / memory.samplesPerSecond, streamed.rssMib));
    say(String.format(Locale.ROOT, "test KL: %s streamed %+.2f %% against in memory on the same rows;"
            + " %s streamed %+.2f %% (target within 2 %%)", sampleFile, 100 * (sampled.kl / memory.kl - 1), bigFile,
        100 * (streamed.kl / memory.kl - 1)));
    Files.write(dir.resolve("streaming-results.md"), lines);
  }

  /** What one run measured. */
  private record Row(double samplesPerSecond, double rssMib, double kl) {}

  private Row train(String label, String file, String mode, int epochs) throws IOException, InterruptedException {
    Path cache = dir.resolve("cache");
    if (label.contains("cold")) {
      deleteTree(cache);
    }
    List<String> cmd = List.of(launcher.toString(), "train", "--data", file, "--targets", "y*", "--data-mode", mode,
        "--cache-dir", cache.toString(), "--arch", "mlp", "--hidden", "128,128", "--epochs", Integer.toString(epochs),
        "--batch-size", "256", "--lr", "0.001", "--patience", "100", "--out", "bench-model.zip", "--force");
    long t0 = System.nanoTime();
    Proc.Result r = Proc.run(dir, Map.of(), 240, cmd);
    double wall = (System.nanoTime() - t0) / 1e9;
    if (!r.ok()) {
      throw new IllegalStateException(label + " " + file + ": " + r.failure());
    }
    double samples = number(SAMPLES, r.out());
    double trainSeconds = number(Pattern.compile("in ([0-9.]+) s,"), r.out());
    Matcher cached = CACHED.matcher(r.err());
    Proc.Result eval = Proc.run(dir, Map.of(), 60, List.of(launcher.toString(), "evaluate", "--model",
        "bench-model.zip", "--data", "test.csv"));
    double kl = number(KL, eval.out());
    double rss = r.peakRssKb() / 1024.0;
    say(String.format(Locale.ROOT, "| %s %s | %s | %s | %.1f | %.0f | %.0f | %.5f |", label, file,
        cached.find() ? cached.group(1) : "-", mode.equals("stream") && label.contains("cold")
            ? String.format(Locale.ROOT, "%.0f", wall - trainSeconds) : "-", trainSeconds, samples, rss, kl));
    return new Row(samples, rss, kl);
  }

  private static double number(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + p + " in: " + text);
    }
    return Double.parseDouble(m.group(1));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void say(String line) {
    System.out.println(line);
    lines.add(line);
  }
}
