package org.fracnet.losses.dirichlet;

import org.fracnet.losses.tck.LossContractTest;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's contract for dirichlet: both links, with and without a zero policy. Each is
 * improper for the mean, and the kit verifies that its minimum is not at the mean target.
 */
class DirichletContractTest {
  @Nested
  class ExpLink extends LossContractTest {
    ExpLink() {
      super("dirichlet");
    }
  }

  @Nested
  class MeanPrecisionLink extends LossContractTest {
    MeanPrecisionLink() {
      super("dirichlet", "link=mean-precision");
    }
  }

  @Nested
  class ExpLinkWithSmoothing extends LossContractTest {
    ExpLinkWithSmoothing() {
      super("dirichlet", "smoothing=0.001");
    }
  }

  @Nested
  class MeanPrecisionWithCounts extends LossContractTest {
    MeanPrecisionWithCounts() {
      super("dirichlet", "link=mean-precision", "zero-policy=counts", "count-prior=0.5");
    }
  }
}
