package org.fracnet.core.data;

import java.util.Objects;

/**
 * Which columns of a CSV file hold what.
 *
 * @param targets the target columns: a comma list of names, globs ({@code y*}, {@code y?}) or
 *     ranges of header positions ({@code y1:y6}, inclusive)
 * @param targetKind fractions or counts
 * @param weightColumn a column of positive row weights, or {@code null}
 * @param features the feature columns in the same syntax as {@code targets}, or {@code null} for
 *     every other column (all of which must then be numeric); an item {@code !name} (or a glob or
 *     range after {@code !}) leaves columns out, so {@code "!customer_id,!notes*"} is every other
 *     column but those
 * @param idColumn a column carried through to predictions, or {@code null}
 * @param onInvalid what to do with an invalid row
 */
public record DatasetSpec(String targets, TargetKind targetKind, String weightColumn,
    String features, String idColumn, InvalidRows onInvalid) {
  /** Checks that targets, target kind and policy are given. */
  public DatasetSpec {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(onInvalid, "onInvalid");
  }

  /** A spec that stops at the first invalid row. */
  public DatasetSpec(String targets, TargetKind targetKind, String weightColumn, String features, String idColumn) {
    this(targets, targetKind, weightColumn, features, idColumn, InvalidRows.ERROR);
  }

  /** Fractions in the columns {@code targets}, every other column a feature. */
  public static DatasetSpec fractions(String targets) {
    return new DatasetSpec(targets, TargetKind.FRACTIONS, null, null, null);
  }
}
