package org.fracnet.core;

import java.nio.file.Path;

/**
 * Training stopped because a {@link org.fracnet.core.training.StopSignal} asked it to. The run
 * stopped after a whole batch; its checkpoint file, when it keeps one, holds the last complete
 * epoch (epoch 0, the starting point, when it stopped in the first), so training again with the
 * same data and settings and {@code resume(true)} ends exactly as an uninterrupted run would. The
 * batches of the unfinished epoch run again then. Exit status 130, as for a process ended by
 * Ctrl-C.
 */
public class TrainingInterruptedException extends FracnetException {
  /** The exit status of a run stopped by Ctrl-C (128 + SIGINT). */
  public static final int EXIT_CODE = 130;
  private static final long serialVersionUID = 1L;
  private final String situation;
  private final String continuation;
  private final transient Path checkpoint;
  private final int epochsKept;
  private final int epoch;
  private final int batch;
  private final int batches;

  /**
   * A stop after batch {@code batch} of {@code batches} of epoch {@code epoch}.
   *
   * @param situation where the run stopped and what its checkpoint holds
   * @param continuation how to continue (or why it cannot be); the message is {@code situation;
   *     continuation}
   * @param checkpoint the checkpoint file to resume from, or {@code null} when the run keeps none
   * @param epochsKept the epochs completed that the checkpoint holds
   * @param epoch the epoch (iteration of a full-batch optimizer) that was stopped, from 1
   * @param batch the batches of it that were done (0 when it stopped before the first)
   * @param batches the batches per epoch
   */
  public TrainingInterruptedException(String situation, String continuation, Path checkpoint, int epochsKept,
      int epoch, int batch, int batches) {
    super(situation + "; " + continuation, EXIT_CODE, null);
    this.situation = situation;
    this.continuation = continuation;
    this.checkpoint = checkpoint;
    this.epochsKept = epochsKept;
    this.epoch = epoch;
    this.batch = batch;
    this.batches = batches;
  }

  /** Where the run stopped and what its checkpoint holds: the message without how to continue. */
  public String situation() {
    return situation;
  }

  /** How to continue, or why the run cannot be: the rest of the message. */
  public String continuation() {
    return continuation;
  }

  /** The checkpoint file to resume from, or {@code null} when the run keeps none. */
  public Path checkpoint() {
    return checkpoint;
  }

  /** The completed epochs the checkpoint holds (0: the starting point); resuming runs the rest. */
  public int epochsKept() {
    return epochsKept;
  }

  /** The epoch that was stopped, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The batches of {@link #epoch()} done before stopping. */
  public int batch() {
    return batch;
  }

  /** The batches per epoch. */
  public int batches() {
    return batches;
  }
}
