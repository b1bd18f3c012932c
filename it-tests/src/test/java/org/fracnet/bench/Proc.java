package org.fracnet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process, measuring its wall time and, through {@code /usr/bin/time -f %M}, its
 * peak resident set size (the same tool for every engine, so the numbers compare).
 */
final class Proc {
  static final Path TIME = Path.of("/usr/bin/time");

  /** What a run printed, how it ended, and what it cost. */
  record Result(List<String> command, int exitCode, String out, String err, double wallSeconds, long peakRssKb) {
    boolean ok() {
      return exitCode == 0;
    }

    /** The last lines of stderr, for a one-line failure note. */
    String failure() {
      String e = err.strip();
      String[] lines = e.split("\n");
      return "exit " + exitCode + ": " + (lines.length == 0 ? "" : lines[lines.length - 1]);
    }
  }

  private Proc() {}

  static boolean canMeasureRss() {
    return Files.isExecutable(TIME);
  }

  /** Runs {@code command} in {@code dir} with {@code extraEnv} added; fails after {@code timeoutMinutes}. */
  static Result run(Path dir, Map<String, String> extraEnv, int timeoutMinutes, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Path rss = Files.createTempFile(dir, "rss", ".txt");
    List<String> cmd = new ArrayList<>();
    boolean measure = canMeasureRss();
    if (measure) {
      cmd.addAll(List.of(TIME.toString(), "-f", "%M", "-o", rss.toString()));
    }
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(extraEnv);
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    long peak = -1;
    if (measure) {
      String text = Files.readString(rss, StandardCharsets.UTF_8).strip();
      // /usr/bin/time writes "Command exited with non-zero status N" before the value on failure.
      String[] lines = text.split("\n");
      try {
        peak = Long.parseLong(lines[lines.length - 1].strip());
      } catch (NumberFormatException e) {
        peak = -1;
      }
    }
    Result r = new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), wall, peak);
    Files.delete(out);
    Files.delete(err);
    Files.delete(rss);
    return r;
  }
}
