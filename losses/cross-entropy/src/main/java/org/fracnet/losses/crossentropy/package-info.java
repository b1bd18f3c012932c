/**
 * The {@code cross-entropy} loss: soft-target cross-entropy after a softmax, with optional class
 * weights, label smoothing and de-biased predictions. See the module's README for the formulas.
 */
package org.fracnet.losses.crossentropy;
