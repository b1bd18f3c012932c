package org.fracnet.losses.mse;

import org.fracnet.losses.tck.LossContractTest;

/** The test kit's contract for mse. */
class MseContractTest extends LossContractTest {
  MseContractTest() {
    super("mse");
  }
}
