package org.fracnet.core.tune;

import org.fracnet.core.training.FitResult;

/**
 * What {@link org.fracnet.core.Fracnet#tune} returns.
 *
 * @param fit the chosen setting refit on all rows (its model carries {@code tuning} too, and
 *     saves it in {@code model.json})
 * @param tuning the search: every setting tried, its score, and the choice
 */
public record TuneResult(FitResult fit, Tuning tuning) {}
