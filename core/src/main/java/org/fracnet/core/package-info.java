/**
 * fracnet's user API. {@link org.fracnet.core.Fracnet} is the entry point: it finds the installed
 * plugins, trains a {@link org.fracnet.core.data.Dataset} with a
 * {@link org.fracnet.core.training.TrainingConfig} into a {@link org.fracnet.core.model.Model}, and
 * loads saved models. Data sets live in {@link org.fracnet.core.data}, metrics in
 * {@link org.fracnet.core.metrics}, models and their file format in
 * {@link org.fracnet.core.model}, and the plugin SPI in {@link org.fracnet.core.spi}. The
 * exceptions of this package form one hierarchy under {@link org.fracnet.core.FracnetException}.
 * Nothing in core loads native code.
 */
package org.fracnet.core;
