package org.fracnet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fracnet.core.compare.CompareListener;

/**
 * Shows a comparison's progress on standard error: a progress bar over its training runs with the
 * time left when it is a terminal, else a plain line per candidate, fold and repeat.
 */
final class CompareProgress implements CompareListener {
  private final PrintWriter err;
  private final boolean terminal;
  private final boolean quiet;
  private final long start = System.nanoTime();
  private ProgressBar bar;
  private int total;

  CompareProgress(PrintWriter err, boolean terminal, boolean quiet) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  @Override
  public void started(int runs) {
    total = runs;
    if (terminal && !quiet) {
      bar = new ProgressBarBuilder().setTaskName("comparing").setInitialMax(runs)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(500).showSpeed().build();
    } else if (!quiet) {
      err.println("comparing: " + runs + " training runs");
      err.flush();
    }
  }

  @Override
  public void runDone(int done, String candidate, int repeat, int fold) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(candidate + ", fold " + fold + (repeat > 1 ? ", repeat " + repeat : ""));
    } else if (!quiet) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      err.printf(Locale.ROOT, "run %d of %d: %s, repeat %d, fold %d (%.0f s, about %.0f s left)%n", done, total,
          candidate, repeat, fold, elapsed, elapsed / done * (total - done));
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
}
