/**
 * fracnet's user API: data sets ({@link org.fracnet.core.data}), metrics
 * ({@link org.fracnet.core.metrics}), fitted models and their file format
 * ({@link org.fracnet.core.model}), and the plugin SPI ({@link org.fracnet.core.spi}).
 * Nothing in core loads native code.
 */
package org.fracnet.core;
