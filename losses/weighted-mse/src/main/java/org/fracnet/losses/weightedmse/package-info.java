/**
 * The {@code weighted-mse} loss: mean over classes of class-weighted squared differences between
 * {@code softmax(z)} and the target fractions. See the module's README for the formulas.
 */
package org.fracnet.losses.weightedmse;
