/**
 * Training: {@link org.fracnet.core.training.TrainingConfig} (every setting and its default, in
 * one place), the run record stored with each model, progress listeners, and the one training
 * loop every trainer shares (epochs, shuffling, initial weights, validation and early stopping,
 * checkpoints and resume, the divergence guard). A trainer plugin supplies only the
 * engine-specific part ({@link org.fracnet.core.spi.Trainer}).
 */
package org.fracnet.core.training;
