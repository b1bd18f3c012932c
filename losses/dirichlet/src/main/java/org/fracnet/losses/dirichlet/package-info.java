/**
 * The {@code dirichlet} loss: the negative log-likelihood of the target fractions under a
 * Dirichlet whose concentrations the network predicts ({@code exp} or {@code mean-precision}
 * link), with a stated policy for zero fractions. See the module's README for the formulas.
 */
package org.fracnet.losses.dirichlet;
