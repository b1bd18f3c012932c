package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.training.StopSignal;
import org.junit.jupiter.api.Test;

/** What Ctrl-C does in each phase of a command. */
class ActivityTest {
  private final StringWriter err = new StringWriter();
  private final List<Integer> exits = new ArrayList<>();
  /** Each reading is a second later: every Ctrl-C a person's. */
  private long now;
  private final Activity activity = new Activity(new PrintWriter(err, true), false, exits::add,
      () -> now += 1_000_000_000L);

  @Test
  void beforeTrainingCtrlCQuitsAtOnce() {
    activity.now("reading data.csv");
    activity.interrupt();
    assertThat(exits).containsExactly(130);
    assertThat(err.toString().lines().toList()).containsExactly("fracnet: interrupted while reading data.csv;"
        + " no file was written");
  }

  @Test
  void duringTrainingTheFirstCtrlCStopsTheRunAndTheSecondQuits() {
    StopSignal stop = new StopSignal();
    activity.stoppable("training", stop, () -> {
      activity.interrupt();
      assertThat(stop.requested()).isTrue();
      assertThat(exits).isEmpty();
      activity.interrupt();
      return null;
    });
    assertThat(exits).containsExactly(130);
    assertThat(err.toString().lines().toList()).containsExactly(
        "fracnet: stopping after the current batch (Ctrl-C again quits at once)",
        "fracnet: interrupted while training; a file being written keeps its previous content");
  }

  @Test
  void aCtrlCDeliveredTwiceAtOnceCountsOnce() {
    long[] clock = {0};
    Activity twice = new Activity(new PrintWriter(err, true), false, exits::add, () -> clock[0]);
    StopSignal stop = new StopSignal();
    twice.stoppable("training", stop, () -> {
      twice.interrupt();
      clock[0] += Activity.SAME_SIGNAL_NANOS / 3; // timeout signals the process, then its group
      twice.interrupt();
      assertThat(stop.requested()).isTrue();
      assertThat(exits).isEmpty();
      clock[0] += 2 * Activity.SAME_SIGNAL_NANOS; // a person presses it again
      twice.interrupt();
      return null;
    });
    assertThat(exits).containsExactly(130);
  }

  @Test
  void writingResultsFinishesUnlessCtrlCComesTwice() {
    activity.finishing("writing model.zip");
    activity.interrupt();
    assertThat(exits).isEmpty();
    activity.interrupt();
    assertThat(exits).containsExactly(130);
    assertThat(err.toString().lines().toList()).containsExactly(
        "fracnet: writing model.zip first (Ctrl-C again quits at once)",
        "fracnet: interrupted while writing model.zip; a file being written keeps its previous content");
  }

  @Test
  void afterTrainingCtrlCQuitsAgain() {
    activity.stoppable("training", new StopSignal(), () -> null);
    assertThat(activity.doing()).isEqualTo("training");
    activity.interrupt();
    assertThat(exits).containsExactly(130);
  }
}
