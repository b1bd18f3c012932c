package org.fracnet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fracnet.core.compare.CompareListener;
import org.fracnet.core.tune.TuneListener;

/**
 * Shows the progress of a search over many training runs (a comparison, or tuning) on standard
 * error: a progress bar over its runs with the time left when it is a terminal, else a plain line
 * with the time so far and left every {@value #LINE_EVERY_SECONDS} seconds and after the last run.
 */
final class SearchProgress implements CompareListener, TuneListener {
  private final PrintWriter err;
  private final boolean terminal;
  private final boolean quiet;
  private final String task;
  private final long start = System.nanoTime();
  /** Without a terminal, a line at most this often (and one for the last run): 200 runs made 200 lines. */
  static final double LINE_EVERY_SECONDS = 5;

  private ProgressBar bar;
  private int total;
  private double lastLine = Double.NEGATIVE_INFINITY;
  /** Seconds to the end of the first run, which also loads the native libraries and warms the JIT. */
  private double firstRun = Double.NaN;

  /**
   * @param task what the runs do, e.g. {@code comparing} or {@code tuning}
   */
  SearchProgress(PrintWriter err, boolean terminal, boolean quiet, String task) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
    this.task = task;
  }

  @Override
  public void started(int runs) {
    total = runs;
    if (terminal && !quiet) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(runs)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(500).showSpeed().build();
    } else if (!quiet) {
      err.println(task + ": " + runs + " training runs");
      err.flush();
    }
  }

  @Override
  public void runDone(int done, String candidate, int repeat, int fold) {
    step(done, candidate + ", fold " + fold + (repeat > 1 ? ", repeat " + repeat : ""),
        candidate + ", repeat " + repeat + ", fold " + fold);
  }

  @Override
  public void runDone(int done, String setting, int fold) {
    step(done, setting + ", fold " + fold, setting + ", fold " + fold);
  }

  private void step(int done, String barMessage, String line) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(barMessage);
    } else if (!quiet) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (Double.isNaN(firstRun)) {
        firstRun = elapsed;
      }
      if (elapsed - lastLine < LINE_EVERY_SECONDS && done < total) {
        return;
      }
      lastLine = elapsed;
      // the time left from the runs after the first, whose start-up cost the others do not pay
      err.printf(Locale.ROOT, "run %d of %d: %s (%.0f s%s)%n", done, total, line, elapsed, done == total ? ""
          : done == 1 ? "; the time left follows the next runs" : String.format(Locale.ROOT, ", about %.0f s left",
              (elapsed - firstRun) / (done - 1) * (total - done)));
      err.flush();
    }
  }

  @Override
  public void candidateDropped(String candidate, String reason) {
    if (bar != null) {
      bar.pause();
    }
    err.println("fracnet: warning: " + candidate + " is left out: " + Flags.translate(reason));
    err.flush();
    if (bar != null) {
      bar.resume();
    }
  }

  @Override
  public void finished() {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.close();
      bar = null;
    }
  }

  @Override
  public void refitStarted(String setting) {
    if (!quiet) {
      err.println(task + ": refitting " + setting + " on all rows");
      err.flush();
    }
  }
}
