package org.fracnet.core.compare;

/** Hears a comparison's progress; called on the thread that runs it. */
public interface CompareListener {
  /** A listener that ignores everything. */
  CompareListener NONE = new CompareListener() {};

  /** Called once, with the number of training runs the comparison will make. */
  default void started(int runs) {}

  /**
   * Called after each training run.
   *
   * @param done runs finished so far
   * @param candidate the candidate's id
   * @param repeat the repeat, from 1
   * @param fold the fold, from 1
   */
  default void runDone(int done, String candidate, int repeat, int fold) {}

  /** Called when a candidate cannot be trained at all and is left out, with the reason. */
  default void candidateDropped(String candidate, String reason) {}

  /** Called once at the end. */
  default void finished() {}
}
