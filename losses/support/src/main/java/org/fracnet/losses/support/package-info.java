/**
 * Numerical kernels shared by fracnet's bundled losses: a numerically stable softmax and
 * log-sum-exp ({@link org.fracnet.losses.support.Softmax}), class-weight resolution
 * ({@link org.fracnet.losses.support.ClassWeights}), the batch loop that every row-wise loss shares
 * ({@link org.fracnet.losses.support.RowLoss}) and the squared error after a softmax
 * ({@link org.fracnet.losses.support.SoftmaxSquaredError}).
 *
 * <p>Not an SPI: plugin authors depend on {@code fracnet-core} alone. Everything here is stateless
 * or immutable and thread-safe.
 */
package org.fracnet.losses.support;
