package org.fracnet.core.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * How much each candidate's own search may try, on inner validation rows of the training folds:
 * a grid of learning rates and weight decays (epochs by early stopping), the same grid for every
 * candidate. The setting with the lowest inner-validation KL is kept for that fold.
 */
public enum Budget {
  /** 2 settings: learning rate 0.003 or 0.01, no weight decay; patience 5. */
  QUICK(new double[] {0.003, 0.01}, new double[] {0}, 5),
  /** 4 settings: learning rate 0.001, 0.003 or 0.01 without weight decay, and 0.003 with 1e-4; patience 8. */
  STANDARD(new double[] {0.001, 0.003, 0.01}, new double[] {0}, 8),
  /** 12 settings: learning rate 0.0003 to 0.01 times weight decay 0, 1e-5 or 1e-4; patience 10. */
  THOROUGH(new double[] {0.0003, 0.001, 0.003, 0.01}, new double[] {0, 1e-5, 1e-4}, 10);

  private final double[] learningRates;
  private final double[] weightDecays;
  private final int patience;

  Budget(double[] learningRates, double[] weightDecays, int patience) {
    this.learningRates = learningRates;
    this.weightDecays = weightDecays;
    this.patience = patience;
  }

  /**
   * One point of the search.
   *
   * @param learningRate the base learning rate
   * @param weightDecay the optimizer's weight decay
   */
  public record Setting(double learningRate, double weightDecay) {}

  /** The grid, learning rate outermost. */
  public List<Setting> settings() {
    List<Setting> out = new ArrayList<>();
    for (double lr : learningRates) {
      for (double wd : weightDecays) {
        out.add(new Setting(lr, wd));
      }
    }
    if (this == STANDARD) {
      out.add(new Setting(0.003, 1e-4));
    }
    return out;
  }

  /** Epochs without inner-validation improvement before a run stops. */
  public int patience() {
    return patience;
  }

  /** The lower-case name used on the command line and in results. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The budget called {@code id}.
   *
   * @throws org.fracnet.core.SettingsException naming the accepted ones
   */
  public static Budget of(String id) {
    for (Budget b : values()) {
      if (b.id().equals(id)) {
        return b;
      }
    }
    throw new org.fracnet.core.SettingsException("budget(" + id + ") is not known; use quick, standard or thorough");
  }
}
