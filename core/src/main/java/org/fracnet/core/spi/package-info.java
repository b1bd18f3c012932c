/**
 * The service provider interfaces that plugins implement and {@link java.util.ServiceLoader}
 * discovers: {@link org.fracnet.core.spi.LossProvider}, {@link org.fracnet.core.spi.OptimizerProvider},
 * {@link org.fracnet.core.spi.ArchitectureProvider} and {@link org.fracnet.core.spi.TrainerProvider}.
 *
 * <p>A provider is cheap: a public no-argument constructor that does nothing, a stable
 * lower-kebab-case {@link org.fracnet.core.spi.Provider#id()}, a one-line description, the
 * parameters it accepts, and a {@code create} method that validates parameters and builds the
 * product. Nothing native loads before {@code create}. A plugin author depends on core alone.
 *
 * <p>Optimizers come in two kinds: mini-batch ({@link org.fracnet.core.spi.Optimizer}, one step
 * per batch) and full-batch ({@link org.fracnet.core.spi.FullBatchOptimizer}, minimising an
 * {@link org.fracnet.core.spi.Objective} over all training rows), told apart by
 * {@link org.fracnet.core.spi.OptimizerProvider#fullBatch()}. A mini-batch optimizer whose update
 * is element-wise implements {@link org.fracnet.core.spi.ElementwiseOptimizer}, so that a trainer
 * can split each step over its threads.
 */
package org.fracnet.core.spi;
