/**
 * Distances and similarities between predicted and target fractions, overall and per class,
 * weighted by row weights. Definitions follow Geng, "Label Distribution Learning", IEEE TKDE
 * 28(7), 2016, plus MSE, MAE, Jensen-Shannon, Hellinger and total variation; see
 * {@link org.fracnet.core.metrics.Metric} for each formula.
 */
package org.fracnet.core.metrics;
