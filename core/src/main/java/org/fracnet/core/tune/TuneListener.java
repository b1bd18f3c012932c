package org.fracnet.core.tune;

/** Hears a tuning run's progress; called on the thread that tunes. */
public interface TuneListener {
  /** A listener that ignores everything. */
  TuneListener NONE = new TuneListener() {};

  /** Called once, with the number of cross-validation fits the search will make (the refit not counted). */
  default void started(int runs) {}

  /**
   * Called after each cross-validation fit.
   *
   * @param done fits finished so far
   * @param setting the setting's name
   * @param fold the fold, from 1
   */
  default void runDone(int done, String setting, int fold) {}

  /** Called when every fold of a setting is done, with its result. */
  default void settingDone(Tuning.Trial trial) {}

  /** Called once the search is over, before the chosen setting is refit on all rows. */
  default void finished() {}

  /**
   * Called when the chosen setting starts its refit on all rows.
   *
   * @param setting the chosen setting's name; for an ensemble followed by the other members', e.g.
   *     {@code base and 4 more members (weight decay 0.001, base, ...)}
   */
  default void refitStarted(String setting) {}
}
