package org.fracnet.core.training;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a training run to stop, from any thread (a Ctrl-C handler, a user interface, a timer).
 * Give it to {@link org.fracnet.core.Fracnet#train(org.fracnet.core.data.Dataset, TrainingConfig,
 * TrainingListener, StopSignal)}; after {@link #request()}, the run stops after the batch it is
 * computing and throws a {@link org.fracnet.core.TrainingInterruptedException} that says where
 * the checkpoint is. Resuming from it ({@code resume(true)}) ends exactly as an uninterrupted run.
 * Thread-safe; one signal per run.
 */
public final class StopSignal {
  private final AtomicBoolean requested = new AtomicBoolean();

  /** Asks the run to stop after its current batch; asking again changes nothing. */
  public void request() {
    requested.set(true);
  }

  /** Whether a stop was requested. */
  public boolean requested() {
    return requested.get();
  }

  @Override
  public String toString() {
    return "StopSignal[" + (requested() ? "requested" : "not requested") + "]";
  }
}
