package org.fracnet.losses.crossentropy;

import org.fracnet.losses.tck.LossContractTest;
import org.junit.jupiter.api.Nested;

/** The test kit's contract, for each variant of cross-entropy. */
class CrossEntropyContractTest {
  @Nested
  class Plain extends LossContractTest {
    Plain() {
      super("cross-entropy");
    }
  }

  /** Improper: the kit verifies that the minimum moved to (1 - eps) p + eps / K. */
  @Nested
  class LabelSmoothing extends LossContractTest {
    LabelSmoothing() {
      super("cross-entropy", "label-smoothing=0.1");
    }
  }

  @Nested
  class ClassWeightsDebiased extends LossContractTest {
    ClassWeightsDebiased() {
      super("cross-entropy", "class-weights=inverse-mean");
    }
  }

  /** Improper: the kit verifies that the minimum moved towards c p. */
  @Nested
  class ClassWeightsWithoutDebiasing extends LossContractTest {
    ClassWeightsWithoutDebiasing() {
      super("cross-entropy", "class-weights=3,0.5,1,2,1,0.25", "debias=false");
    }
  }

  @Nested
  class TwoClasses extends LossContractTest {
    TwoClasses() {
      super("cross-entropy");
    }

    @Override
    protected int classes() {
      return 2;
    }
  }
}
