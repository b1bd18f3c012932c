/**
 * Tuning ({@code train --tune}): a search over architectures, regularisation, learning rates and,
 * optionally, losses by k-fold cross-validation on the training data only, then a refit of the
 * chosen setting on all of it. Entry point: {@link org.fracnet.core.Fracnet#tune}.
 */
package org.fracnet.core.tune;
