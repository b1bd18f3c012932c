/**
 * Comparing losses on a user's data, as a library call ({@link org.fracnet.core.Fracnet#compare}):
 * {@link org.fracnet.core.compare.CompareConfig} (candidates, folds, repeats, groups, budget),
 * {@link org.fracnet.core.compare.Comparison} (every candidate cross-validated on the same folds,
 * each with its own search on inner validation rows), and
 * {@link org.fracnet.core.compare.ComparisonResult} (metrics of the out-of-fold predictions overall,
 * per fold and per class, paired tests with Holm's correction, a verdict in plain words, and the
 * report files). The command {@code fracnet compare} only maps its flags onto this package.
 */
package org.fracnet.core.compare;
