package org.fracnet.core.compare;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fracnet.core.SettingsException;
import org.fracnet.core.data.Dataset;

/**
 * The k-fold split that {@code compare} and {@code train --tune} share: rows (or, with groups,
 * the groups of rows with one id) shuffled with a seed and dealt to the folds in turn, so every
 * fold has the same size give or take one row (group).
 */
public final class Folds {
  private Folds() {}

  /**
   * Each row's fold, 0-based.
   *
   * @param data the rows
   * @param folds k, at least 2
   * @param seed the seed of the shuffle
   * @param groupByIds whether rows with one id (the data's id column) share a fold
   * @throws SettingsException when there are fewer rows (groups) than folds
   */
  public static int[] assign(Dataset data, int folds, long seed, boolean groupByIds) {
    int n = data.rows();
    SplittableRandom random = new SplittableRandom(seed);
    int[] fold = new int[n];
    if (!groupByIds) {
      if (n < folds) {
        throw new SettingsException(data.source() + " has " + n + " rows, fewer than folds(" + folds + ")");
      }
      int[] order = shuffled(n, random);
      for (int i = 0; i < n; i++) {
        fold[order[i]] = i % folds;
      }
      return fold;
    }
    int[] group = ComparisonResult.groups(data);
    int groups = Arrays.stream(group).max().orElse(-1) + 1;
    if (groups < folds) {
      throw new SettingsException(data.source() + " has " + groups + " groups in " + data.idColumn()
          + ", fewer than folds(" + folds + "); use fewer folds or no groups");
    }
    int[] order = shuffled(groups, random);
    int[] groupFold = new int[groups];
    for (int g = 0; g < groups; g++) {
      groupFold[order[g]] = g % folds;
    }
    for (int i = 0; i < n; i++) {
      fold[i] = groupFold[group[i]];
    }
    return fold;
  }

  /** The rows in fold {@code f} ({@code inFold}) or in the other folds, ascending. */
  public static int[] rows(int[] fold, int f, boolean inFold) {
    return IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == inFold).toArray();
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
