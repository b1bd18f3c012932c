package org.fracnet.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.io.AtomicFile;
import org.fracnet.core.training.StopSignal;

/**
 * What the command is doing now, for the two things that happen outside its flow: Ctrl-C (SIGINT,
 * delivered to {@link #interrupt()} by {@link Main}) and running out of memory (whose message says
 * what fracnet was doing). A command says what it does as it goes:
 *
 * <ul>
 *   <li>{@link #now}: work that Ctrl-C ends at once (reading, comparing, predicting): nothing of
 *       it is written yet, since every output is written atomically;</li>
 *   <li>{@link #stoppable}: training, which the first Ctrl-C stops after the current batch
 *       through its {@link StopSignal} (the command then says how to resume);</li>
 *   <li>{@link #finishing}: writing results, which the first Ctrl-C lets finish.</li>
 * </ul>
 *
 * A second Ctrl-C always quits at once, unless it comes within {@link #SAME_SIGNAL_NANOS} of the
 * first: then it is the same one delivered twice, as tools such as {@code timeout} do when they
 * signal a process and its group, and it is ignored. Quitting deletes the temporary files of unfinished writes,
 * so every output keeps its previous content, and exits with status 130.
 */
final class Activity {
  private enum Phase { QUIT, STOP, FINISH }

  /** A Ctrl-C this soon after the first (0.3 s, faster than a person presses it again) is the first one repeated. */
  static final long SAME_SIGNAL_NANOS = 300_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final IntConsumer exit;
  private final LongSupplier clock;
  private final AtomicInteger interrupts = new AtomicInteger();
  private long firstInterrupt;
  private volatile String doing = "starting";
  private volatile Phase phase = Phase.QUIT;
  private volatile StopSignal stop;

  /**
   * @param err where the notes go
   * @param terminal whether {@code err} is a terminal (where the notes start on a new line, after
   *     the {@code ^C} and the progress bar)
   * @param exit ends the process with a status ({@link System#exit} in {@link Main})
   */
  Activity(PrintWriter err, boolean terminal, IntConsumer exit) {
    this(err, terminal, exit, System::nanoTime);
  }

  /** As {@link #Activity(PrintWriter, boolean, IntConsumer)}, with {@code clock} giving nanoseconds. */
  Activity(PrintWriter err, boolean terminal, IntConsumer exit, LongSupplier clock) {
    this.err = err;
    this.terminal = terminal;
    this.exit = exit;
    this.clock = clock;
  }

  /** Work that Ctrl-C ends at once, e.g. {@code "reading data.csv"}. */
  void now(String what) {
    stop = null;
    doing = what;
    phase = Phase.QUIT;
  }

  /**
   * Runs {@code work} (training) so that the first Ctrl-C requests {@code stop}; afterwards, Ctrl-C
   * ends the process at once again.
   *
   * @throws TrainingInterruptedException from {@code work} when it stopped
   */
  <T> T stoppable(String what, StopSignal signal, Supplier<T> work) {
    doing = what;
    stop = signal;
    phase = Phase.STOP;
    try {
      return work.get();
    } finally {
      now(what);
    }
  }

  /** Writing results, e.g. {@code "writing model.zip"}: the first Ctrl-C lets it finish. */
  void finishing(String what) {
    stop = null;
    doing = what;
    phase = Phase.FINISH;
  }

  /** What the command is doing now, e.g. {@code "training"}. */
  String doing() {
    return doing;
  }

  /**
   * Ctrl-C: stops training, lets writing finish, or quits; a second one quits, unless it is the
   * first delivered again. Synchronized: each signal runs its handler on a thread of its own, and
   * the second must see the first's time.
   */
  synchronized void interrupt() {
    long at = clock.getAsLong();
    boolean first = interrupts.incrementAndGet() == 1;
    if (first) {
      firstInterrupt = at;
    } else if (at - firstInterrupt < SAME_SIGNAL_NANOS) {
      interrupts.decrementAndGet(); // the first one, delivered again
      return;
    }
    Phase now = phase;
    StopSignal signal = stop;
    if (first && now == Phase.STOP && signal != null) {
      // the note first: once requested, the run may stop and print before this thread goes on
      note("stopping after the current batch (Ctrl-C again quits at once)");
      signal.request();
      return;
    }
    if (first && now == Phase.FINISH) {
      note(doing + " first (Ctrl-C again quits at once)");
      return;
    }
    AtomicFile.deleteUnfinished();
    note("interrupted while " + doing + (now == Phase.QUIT ? "; no file was written"
        : "; a file being written keeps its previous content"));
    exit.accept(TrainingInterruptedException.EXIT_CODE);
  }

  private void note(String text) {
    if (terminal) {
      err.println();
    }
    err.println("fracnet: " + text);
    err.flush();
  }
}
