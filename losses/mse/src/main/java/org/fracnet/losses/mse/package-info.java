/**
 * The {@code mse} loss: mean over classes of the squared difference between {@code softmax(z)}
 * and the target fractions. See the module's README for the formulas.
 */
package org.fracnet.losses.mse;
