package org.fracnet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingSummary;

/**
 * Shows training progress on standard error: a progress bar when it is a terminal, one line per
 * epoch otherwise (logs, CI, pipes), nothing when quiet.
 */
final class ProgressReporter implements TrainingListener {
  private final PrintWriter err;
  private final boolean terminal;
  private final boolean quiet;
  private ProgressBar bar;
  private int batchesPerEpoch;
  private String task = "training";

  ProgressReporter(PrintWriter err, boolean terminal, boolean quiet) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  @Override
  public void memberStarted(int member, int members, long seed) {
    task = "member " + (member + 1) + "/" + members;
    if (!terminal && !quiet) {
      err.println("member " + (member + 1) + " of " + members + " (seed " + seed + ")");
      err.flush();
    }
  }

  @Override
  public void started(int maxEpochs, int batches) {
    batchesPerEpoch = batches;
    if (terminal && !quiet) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax((long) maxEpochs * batches)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
          .continuousUpdate().build();
    }
  }

  @Override
  public void batchDone(int epoch, int batch) {
    if (bar != null) {
      bar.stepTo((long) (epoch - 1) * batchesPerEpoch + batch);
    }
  }

  @Override
  public void epochDone(int epoch, double trainingLoss, double validationLoss) {
    String text = String.format(Locale.ROOT, "epoch %d  loss %.6f%s", epoch, trainingLoss,
        Double.isNaN(validationLoss) ? "" : String.format(Locale.ROOT, "  validation %.6f", validationLoss));
    if (bar != null) {
      bar.setExtraMessage(text);
    } else if (!quiet) {
      err.println(text);
      err.flush();
    }
  }

  @Override
  public void finished(TrainingSummary summary) {
    if (bar != null) {
      if (!summary.stopped()) {
        bar.stepTo(bar.getMax());
      }
      bar.close();
      bar = null;
    }
  }
}
