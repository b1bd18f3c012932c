/**
 * The {@code nd4j} trainer ({@link org.fracnet.trainers.nd4j.Nd4jTrainerProvider}): mini-batch
 * training of dense networks on the ND4J CPU backend.
 *
 * <p>Speed comes from avoiding per-operation overhead rather than from ND4J's op layer: all
 * parameters live in one off-heap float buffer (an ND4J array viewed as a
 * {@link java.nio.FloatBuffer}, so the core optimizers update it zero-copy), matrix products go
 * straight to the {@code cblas_sgemm} of the OpenBLAS that ND4J bundles on pointers created once,
 * element-wise work (bias, activations, their derivatives, the optimizer) runs in branch-free Java
 * loops. Each mini-batch is split over worker threads by rows for the forward pass and the
 * backward deltas, then over the same threads by parameter rows for the weight gradients and the
 * optimizer step ({@link org.fracnet.core.spi.ElementwiseOptimizer}). A training step allocates
 * nothing.
 *
 * <p>With a full-batch optimizer ({@code lbfgs}) the trainer uses the {@code java} trainer's
 * objective ({@link org.fracnet.trainers.java.JavaTrainerProvider}) instead: the loss over all
 * training rows in double precision and plain Java ({@link org.fracnet.trainers.java.DoubleNetwork},
 * which is also the reference the tests check the native path against); no ND4J code runs.
 */
package org.fracnet.trainers.nd4j;
