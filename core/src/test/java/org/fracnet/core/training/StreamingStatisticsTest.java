package org.fracnet.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.fracnet.core.model.Standardization;
import org.fracnet.core.spi.TargetStatistics;
import org.junit.jupiter.api.Test;

/** Statistics gathered a row at a time and merged, and the hash split, against the in-memory versions. */
class StreamingStatisticsTest {
  @Test
  void mergedPartsGiveTheStandardisationAndTargetStatisticsOfAllRows() {
    int n = 5000;
    int d = 4;
    int k = 3;
    SplittableRandom rng = new SplittableRandom(3);
    double[] x = new double[n * d];
    double[] p = new double[n * k];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i * d] = 1e6 + rng.nextGaussian(); // a large mean, where naive sums lose digits
      x[i * d + 1] = rng.nextGaussian() * 1e-3;
      x[i * d + 2] = rng.nextInt(2); // binary: kept as it is
      x[i * d + 3] = 7; // constant: Standardization.CONSTANT_SCALE
      double a = rng.nextDouble();
      double b = rng.nextDouble() * (1 - a);
      p[i * k] = a;
      p[i * k + 1] = b;
      p[i * k + 2] = i % 10 == 0 ? 0 : 1 - a - b;
      if (p[i * k + 2] == 0) {
        p[i * k + 1] = 1 - a;
      }
      w[i] = 1 + rng.nextInt(5);
    }
    RowStatistics[] parts = {new RowStatistics(d, k, true), new RowStatistics(d, k, true),
        new RowStatistics(d, k, true)};
    for (int i = 0; i < n; i++) {
      parts[i < 100 ? 0 : i < 3000 ? 1 : 2].add(x, i * d, p, i * k, w[i]);
    }
    RowStatistics all = parts[0].merge(parts[1]).merge(new RowStatistics(d, k, true)).merge(parts[2]);
    RowStatistics copy = RowStatistics.fromJson(all.toJson());

    Standardization expected = Standardization.fit(n, d, x);
    TargetStatistics targets = TargetStatistics.of(n, k, p, w, true);
    for (RowStatistics s : new RowStatistics[] {all, copy}) {
      assertThat(s.rows()).isEqualTo(n);
      for (int j = 0; j < d; j++) {
        assertThat(s.standardization().mean()[j]).isCloseTo(expected.mean()[j], within(1e-9 * Math.abs(expected.mean()[j]) + 1e-15));
        assertThat(s.standardization().scale()[j]).isCloseTo(expected.scale()[j], within(1e-9 * expected.scale()[j]));
      }
      assertThat(s.standardization().mean()[2]).isZero();
      assertThat(s.standardization().scale()[3]).isEqualTo(Standardization.CONSTANT_SCALE);
      for (int j = 0; j < k; j++) {
        assertThat(s.targets().classMeans()[j]).isCloseTo(targets.classMeans()[j], within(1e-12));
        assertThat(s.targets().classVariances()[j]).isCloseTo(targets.classVariances()[j], within(1e-12));
        assertThat(s.targets().zeroShares()[j]).isCloseTo(targets.zeroShares()[j], within(1e-12));
      }
      assertThat(s.targets().weightsAreCounts()).isTrue();
    }
  }

  @Test
  void theHashSplitHoldsOutItsShareDecidedByEachRowAloneAndTheSeed() {
    HashSplit split = new HashSplit(0.2, 42);
    SplittableRandom rng = new SplittableRandom(9);
    double[] x = new double[3];
    double[] p = {0.5, 0.5};
    int held = 0;
    int agree = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[j] = rng.nextInt(1000) / 10.0;
      }
      boolean out = split.heldOut(x, 0, 3, p, 0, 2, 1);
      held += out ? 1 : 0;
      assertThat(split.heldOut(x.clone(), 0, 3, p.clone(), 0, 2, 1)).isEqualTo(out); // the same row, the same side
      agree += out == new HashSplit(0.2, 43).heldOut(x, 0, 3, p, 0, 2, 1) ? 1 : 0;
    }
    assertThat(held / (double) n).isCloseTo(0.2, within(0.005));
    assertThat(agree / (double) n).isCloseTo(0.68, within(0.01)); // another seed splits independently: 0.8² + 0.2²
    assertThat(split.heldOut(new double[] {-0.0}, 0, 1, p, 0, 2, 1))
        .isEqualTo(split.heldOut(new double[] {0.0}, 0, 1, p, 0, 2, 1));
    assertThat(new HashSplit(0, 1).heldOut(x, 0, 3, p, 0, 2, 1)).isFalse();
    int groups = 0;
    for (int g = 0; g < 10_000; g++) {
      groups += split.heldOut("group-" + g) ? 1 : 0;
    }
    assertThat(groups / 10_000.0).isCloseTo(0.2, within(0.015));
  }
}
