/**
 * Fitting a model end to end: validation split, feature standardisation, target statistics,
 * creating the loss, network, optimizer and trainer from their providers, and assembling the
 * {@link org.fracnet.core.model.FittedModel}.
 */
package org.fracnet.core.training;
