/**
 * Data sets of features and target fractions, the CSV reader that validates them, and the writer
 * for predictions.
 */
package org.fracnet.core.data;
