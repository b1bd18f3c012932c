/**
 * The built-in optimizers, found through {@link java.util.ServiceLoader} as
 * {@link org.fracnet.core.spi.OptimizerProvider}s: the mini-batch optimizers {@code sgd}
 * (momentum, Nesterov, L2 weight decay), {@code adam} (L2 weight decay added to the gradient) and
 * {@code adamw} (decoupled weight decay), and the full-batch {@code lbfgs}
 * ({@link org.fracnet.core.optim.LbfgsProvider}).
 *
 * <p>The update rules follow PyTorch's {@code torch.optim.SGD}, {@code Adam} and {@code AdamW}
 * (default {@code foreach=False} semantics), so that settings carry over. Each optimizer works
 * in place on the {@link java.nio.FloatBuffer}s of {@link org.fracnet.core.spi.Optimizer#step},
 * with absolute indexing, in one branch-free loop per step; its state (velocity, moments) lives on
 * the Java heap in float arrays. The gradient buffer is only read.
 *
 * <p>{@code lbfgs} is a {@link org.fracnet.core.spi.FullBatchOptimizer}: limited-memory BFGS in
 * double precision with a strong Wolfe line search (Nocedal and Wright, Algorithms 3.5, 3.6 and
 * 7.4), stopping when the Euclidean norm of the gradient is at most {@code tolerance}; see
 * {@code docs/optimizers.md}.
 *
 * <p>Parameters are checked in one place per provider ({@link org.fracnet.core.optim.Check}),
 * with messages that name the key, the value and the accepted range.
 */
package org.fracnet.core.optim;
