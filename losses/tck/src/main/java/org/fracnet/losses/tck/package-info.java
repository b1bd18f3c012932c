/**
 * The contract test kit for loss plugins.
 *
 * <ul>
 *   <li>{@link org.fracnet.losses.tck.LossContract}: loads a loss through
 *       {@link java.util.ServiceLoader} by id and runs named checks, returning
 *       {@link org.fracnet.losses.tck.CheckResult}s (plain Java; the CLI's {@code check-loss} uses
 *       it);</li>
 *   <li>{@link org.fracnet.losses.tck.ReferenceComparison}: compares a loss with reference values,
 *       value, gradient and predictions per case;</li>
 *   <li>{@link org.fracnet.losses.tck.LossContractTest}: a JUnit 5 base class that runs every check
 *       as a test; a plugin's test extends it.</li>
 * </ul>
 */
package org.fracnet.losses.tck;
