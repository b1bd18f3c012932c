package org.fracnet.core.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.internal.PlainNumbers;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.TrainingConfig;

/**
 * The settings {@code train --tune} tries for each budget, in one place. Each setting changes a
 * few things of the base configuration (the user's own settings, tried first as {@code base});
 * everything else stays as given. The grids follow measurements on 13 label-distribution sets
 * (10-fold CV; docs/library.md, "Tuning"): weight decay 1e-3 helps small-signal data by 1-2 % KL,
 * 1e-2 helps a 213-row set by 11 % and hurts a 2500-row one by 15 %, width 256 helps the 2500-row
 * set, batch 256 with learning rate 0.003 is as good and faster, one hidden layer is worse, and
 * dropout 0.3 on 256,256 helps small-signal data a little.
 */
public final class SearchSpace {
  private SearchSpace() {}

  /**
   * One point of the search: what it changes in the base configuration ({@code null}: as given).
   *
   * @param name how results name it, e.g. {@code hidden 256,256}
   * @param hidden the mlp's hidden widths, e.g. {@code 256,256}
   * @param linear whether the network is the linear model instead
   * @param weightDecay the optimizer's weight decay
   * @param learningRate the base learning rate
   * @param batchSize rows per mini-batch
   * @param dropout the mlp's dropout
   */
  public record Setting(String name, String hidden, boolean linear, Double weightDecay, Double learningRate,
      Integer batchSize, Double dropout) {
    /** A setting without dropout. */
    public Setting(String name, String hidden, boolean linear, Double weightDecay, Double learningRate,
        Integer batchSize) {
      this(name, hidden, linear, weightDecay, learningRate, batchSize, null);
    }

    /** The base configuration with this setting's changes and {@code loss}. */
    public TrainingConfig.Builder apply(TrainingConfig base, Candidate loss) {
      TrainingConfig.Builder b = base.toBuilder().loss(loss.loss(), loss.parameters());
      if (linear) {
        b.architecture(Architecture.linear());
      } else if (hidden != null || dropout != null) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (base.architecture().id().equals("mlp")) {
          parameters.putAll(base.architecture().parameters().asMap()); // keeps the activation
        }
        if (hidden != null) {
          parameters.put("hidden", hidden);
        }
        Architecture mlp = Architecture.of("mlp", parameters);
        b.architecture(dropout == null ? mlp : mlp.withDropout(dropout));
      }
      if (weightDecay != null) {
        b.optimizer(base.optimizer().weightDecay(weightDecay));
      }
      if (learningRate != null) {
        b.learningRate(learningRate);
      }
      if (batchSize != null) {
        b.batchSize(batchSize);
      }
      return b;
    }
  }

  /** The base configuration as given. */
  public static final Setting BASE = new Setting("base", null, false, null, null, null);

  /**
   * The settings of {@code budget}, {@link #BASE} first: quick 6, standard 11, thorough 18.
   *
   * <ul>
   *   <li>quick: base; weight decay 0.001; weight decay 0.01; hidden 256,256; batch 256 with
   *       learning rate 0.003; linear</li>
   *   <li>standard adds: weight decay 0.0001; hidden 256,256 with weight decay 0.001; hidden
   *       128,128; hidden 64,64,64; hidden 256,256 with dropout 0.3 (not in quick: there it made
   *       the benchmark's SBU_3DFE 7 % worse while it helped four Yeast sets by 0.7-1.4 %)</li>
   *   <li>thorough adds: learning rate 0.0003; learning rate 0.003; hidden 32,32; hidden 128,128
   *       with weight decay 0.001; hidden 256,256 with weight decay 0.01; linear with weight decay
   *       0.001; dropout 0.2</li>
   * </ul>
   */
  public static List<Setting> of(Budget budget) {
    List<Setting> out = new ArrayList<>();
    out.add(BASE);
    out.add(decay(0.001));
    out.add(decay(0.01));
    out.add(width("256,256", null));
    out.add(new Setting("batch 256, lr 0.003", null, false, null, 0.003, 256));
    out.add(new Setting("linear", null, true, null, null, null));
    if (budget == Budget.QUICK) {
      return out;
    }
    out.add(decay(0.0001));
    out.add(width("256,256", 0.001));
    out.add(width("128,128", null));
    out.add(width("64,64,64", null));
    out.add(new Setting("hidden 256,256, dropout 0.3", "256,256", false, null, null, null, 0.3));
    if (budget == Budget.STANDARD) {
      return out;
    }
    out.add(new Setting("lr 0.0003", null, false, null, 0.0003, null));
    out.add(new Setting("lr 0.003", null, false, null, 0.003, null));
    out.add(width("32,32", null));
    out.add(width("128,128", 0.001));
    out.add(width("256,256", 0.01));
    out.add(new Setting("linear, weight decay 0.001", null, true, 0.001, null, null));
    out.add(new Setting("dropout 0.2", null, false, null, null, null, 0.2));
    return out;
  }

  private static Setting decay(double weightDecay) {
    return new Setting("weight decay " + PlainNumbers.plain(weightDecay), null, false, weightDecay, null, null);
  }

  private static Setting width(String hidden, Double weightDecay) {
    return new Setting("hidden " + hidden + (weightDecay == null ? "" : ", weight decay "
        + PlainNumbers.plain(weightDecay)), hidden, false, weightDecay, null, null);
  }
}
