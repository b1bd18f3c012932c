package org.fracnet.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fracnet.core.data.Dataset;

/** The default candidates: the ones that answer "which loss, and how do I weight small classes?". */
public final class Candidates {
  private Candidates() {}

  /**
   * The default list, limited to the losses in {@code installed}: soft-target cross-entropy;
   * class-weighted cross-entropy (inverse square root of the class means) without and with
   * de-biasing; cross-entropy with label smoothing 0.01; mse; weighted mse with inverse-mean and
   * inverse-sqrt-mean class weights; the Dirichlet likelihood, with each zero policy when the
   * targets have zeros (smoothing, shrink with the row count, and counts when the targets are
   * counts).
   */
  public static List<Candidate> defaults(Dataset data, Set<String> installed) {
    List<Candidate> all = new ArrayList<>();
    all.add(Candidate.of("cross-entropy"));
    all.add(Candidate.of("cross-entropy", "class-weights", "inverse-sqrt-mean", "debias", "false"));
    all.add(Candidate.of("cross-entropy", "class-weights", "inverse-sqrt-mean", "debias", "true"));
    all.add(Candidate.of("cross-entropy", "label-smoothing", "0.01"));
    all.add(Candidate.of("mse"));
    all.add(Candidate.of("weighted-mse", "class-weights", "inverse-mean"));
    all.add(Candidate.of("weighted-mse", "class-weights", "inverse-sqrt-mean"));
    if (hasZeros(data)) {
      all.add(Candidate.of("dirichlet", "zero-policy", "smoothing"));
      all.add(Candidate.of("dirichlet", "zero-policy", "shrink", "shrink-n", String.valueOf(Math.max(2, data.rows()))));
      if (data.weightsAreCounts()) {
        all.add(Candidate.of("dirichlet", "zero-policy", "counts"));
      }
    } else {
      all.add(Candidate.of("dirichlet"));
    }
    all.removeIf(c -> !installed.contains(c.loss()));
    return all;
  }

  private static boolean hasZeros(Dataset data) {
    for (double v : data.targets()) {
      if (v == 0) {
        return true;
      }
    }
    return false;
  }
}
