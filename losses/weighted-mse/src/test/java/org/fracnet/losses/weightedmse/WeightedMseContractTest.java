package org.fracnet.losses.weightedmse;

import org.fracnet.losses.tck.LossContractTest;
import org.junit.jupiter.api.Nested;

/** The test kit's contract for weighted-mse, with computed and explicit weights. */
class WeightedMseContractTest {
  @Nested
  class InverseMeanByDefault extends LossContractTest {
    InverseMeanByDefault() {
      super("weighted-mse");
    }
  }

  @Nested
  class InverseVariance extends LossContractTest {
    InverseVariance() {
      super("weighted-mse", "class-weights=inverse-variance");
    }
  }

  @Nested
  class ExplicitWeights extends LossContractTest {
    ExplicitWeights() {
      super("weighted-mse", "class-weights=0.2,1,4,1,0.5,2");
    }
  }
}
