/**
 * Statistics for comparing candidates on the same out-of-fold rows: {@link
 * org.fracnet.core.stats.PairedComparison} (a paired t-test over rows or groups with a
 * cluster-robust variance, confidence intervals and effect sizes; a corrected resampled t-test over
 * folds) and {@link org.fracnet.core.stats.Holm} (adjusted p-values for a family of tests). Pure
 * functions of arrays: no randomness, no state, thread-safe. The per-row values come from {@link
 * org.fracnet.core.metrics.Metrics#perRow}.
 */
package org.fracnet.core.stats;
