package org.fracnet.core.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.fracnet.core.DataException;

/**
 * The one place where the rows of a data set are checked, for CSV files and arrays in memory
 * alike: features, targets and weights finite; targets non-negative; fractions summing to 1, or
 * counts with a positive total, which become fractions with the total as the row's weight (times
 * any weight given); weights positive. An invalid row stops reading, or is dropped
 * ({@link InvalidRows#SKIP}), or, when only its sum is off, divided by it
 * ({@link InvalidRows#RENORMALIZE}), and the warnings say how many.
 *
 * <p>How far a row of fractions may sum from 1 ({@link #tolerance}): fractions written with a few
 * decimals are rounded, and k of them rounded to d decimal places can miss 1 by up to k halves of
 * a unit in the d-th place. So a row of a file may miss 1 by k x 0.5 x 10^-d, d being the decimal
 * places its targets were written to ({@code 0.333333,0.333333,0.333334}: 3 x 0.5e-6; see
 * {@link CsvDatasetReader} for values with different places), and
 * never less than {@link CsvDatasetReader#SUM_TOLERANCE}; fractions written to one decimal are
 * allowed no more than {@link #MOST_ROUNDING} ({@code 0.5,0.3,0.1}, 0.9, is a wrong row, not a
 * rounded one); a row whose targets are written without
 * decimals ({@code 1,0,0}) is exact and gets that least tolerance. A data set in memory has no
 * written decimals: its tolerance is {@link CsvDatasetReader#SUM_TOLERANCE}. A row within its
 * tolerance is divided by its sum and counted in a warning, unless it is within {@link #NOISE} of
 * 1, which adding decimal fractions in binary explains: such a row is kept as it is. A row beyond
 * its tolerance is invalid, and the message states the tolerance.
 */
final class RowValidation {
  /** The fix offered for an invalid row. */
  static final String LENIENCY = " (fix the row, or use InvalidRows.SKIP to drop such rows)";
  /**
   * How far from 1 the sum of a row of fractions may be and still be taken as 1, neither divided
   * nor counted: far more than the rounding of adding a few doubles (about 1e-16 each), far less
   * than any rounding of decimals written to 8 places or fewer.
   */
  static final double NOISE = 1e-9;
  /** The end of the message on a row of fractions that are all 0. */
  private static final String ALL_ZERO_SKIP = ", or drop such rows with InvalidRows.SKIP";
  /**
   * The most a row of fractions written to one decimal may miss 1 by and be taken as rounded: 2 %.
   * One decimal would allow k x 0.05 (0.15 for three classes), enough to pass a typo such as
   * {@code 0.5,0.3,0.1}; such rows ({@code 0.3,0.3,0.3}) need {@link InvalidRows#RENORMALIZE},
   * asked for explicitly. Two decimals or more keep the full rounding bound, which real rounded
   * data reach (ten classes to two decimals can miss by 0.04).
   */
  static final double MOST_ROUNDING = 0.02;

  /**
   * The fewest rows over which a feature column rising by whole numbers from row to row is named
   * as looking like a row number; fewer rows rise by chance.
   */
  static final int ROW_NUMBER_ROWS = 10;

  /**
   * The names of what a row holds, for messages and for the data set.
   *
   * @param features the feature names, in row order
   * @param classes the class names, in row order
   * @param weight how the weight is called in messages ({@code column w}, {@code weight}), or
   *     {@code null} when the rows have no weights
   * @param idColumn the id column's name, or {@code null} when the rows have no ids
   */
  record Columns(List<String> features, List<String> classes, String weight, String idColumn) {
    Columns {
      features = List.copyOf(features);
      classes = List.copyOf(classes);
    }

    /**
     * Columns given by a user in memory, checked: at least one feature, at least two classes,
     * each name non-null and unique within its list.
     */
    static Columns checked(String source, List<String> features, List<String> classes, String weight,
        String idColumn) {
      names(source, "feature", features, 1);
      names(source, "class", classes, 2);
      return new Columns(features, classes, weight, idColumn);
    }

    private static void names(String source, String what, List<String> names, int atLeast) {
      int given = names == null ? 0 : names.size();
      if (given < atLeast) {
        throw new DataException(source + ": " + given + " " + what + " name" + (given == 1 ? "" : "s")
            + " given; a data set needs at least " + atLeast + " " + what + (atLeast == 1 ? "" : "es")
            + ", one name per column");
      }
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        if (n == null || n.isEmpty()) {
          throw new DataException(source + ": a " + what + " name is " + (n == null ? "null" : "empty")
              + "; name every " + what + " column");
        }
        if (!seen.add(n)) {
          throw new DataException(source + ": " + what + " name '" + n
              + "' appears twice; column names must be unique");
        }
      }
    }
  }

  /** Validated rows: n x d features, n x k fractions, n weights, n ids or {@code null}. */
  record Rows(int count, double[] x, double[] p, double[] w, String[] ids) {}

  private final String source;
  private final Columns columns;
  private final TargetKind kind;
  private final InvalidRows policy;
  private final Consumer<String> warnings;
  private final boolean wholeTable;

  /**
   * @param source the file or data set, for messages
   * @param warnings told how many rows {@link InvalidRows#SKIP} dropped or
   *     {@link InvalidRows#RENORMALIZE} divided
   */
  RowValidation(String source, Columns columns, TargetKind kind, InvalidRows policy, Consumer<String> warnings) {
    this(source, columns, kind, policy, warnings, true);
  }

  /**
   * As the other constructor; {@code wholeTable} false for a part of a table (a Spark partition),
   * whose columns may look like a row number or hold one value there without doing so in the whole
   * table, so that nothing is said about them.
   */
  RowValidation(String source, Columns columns, TargetKind kind, InvalidRows policy, Consumer<String> warnings,
      boolean wholeTable) {
    this.source = source;
    this.columns = columns;
    this.kind = kind;
    this.policy = policy;
    this.warnings = warnings;
    this.wholeTable = wholeTable;
  }

  /**
   * Reads, checks and keeps every valid row of {@code rows}.
   *
   * @param expectedRows how many rows to make room for (a hint)
   * @throws DataException on an invalid row the policy does not cover, or when no row is left
   */
  Rows collect(RowSource rows, int expectedRows) {
    int d = columns.features().size();
    int k = columns.classes().size();
    long maxRows = GrowableDoubles.MAX_SIZE / Math.max(d, k);
    GrowableDoubles[] kept = {
        new GrowableDoubles((int) Math.min((long) expectedRows * d, GrowableDoubles.MAX_SIZE)),
        new GrowableDoubles((int) Math.min((long) expectedRows * k, GrowableDoubles.MAX_SIZE)),
        new GrowableDoubles(expectedRows)};
    List<String> ids = columns.idColumn() != null ? new ArrayList<>() : null;
    try {
      forEach(rows, (rowX, row, weight, id) -> {
        GrowableDoubles w = kept[2];
        if (w.size() == maxRows) {
          throw new DataException(source + " has more rows than a data set holds: at most " + maxRows
              + " rows of " + d + " features and " + k + " classes; use fewer rows");
        }
        for (int j = 0; j < d; j++) {
          kept[0].add(rowX[j]);
        }
        for (int j = 0; j < k; j++) {
          kept[1].add(row[j]);
        }
        w.add(weight);
        if (ids != null) {
          ids.add(id);
        }
      });
      return new Rows(kept[2].size(), kept[0].toArray(), kept[1].toArray(), kept[2].toArray(),
          ids == null ? null : ids.toArray(String[]::new));
    } catch (OutOfMemoryError e) {
      long count = kept[2] == null ? 0 : kept[2].size();
      long bytesPerRow = 8L * (d + k + 1) + (ids == null ? 0 : 64);
      kept[0] = null; // frees the rows for the message's few objects
      kept[1] = null;
      kept[2] = null;
      throw rows.outOfMemory(source, count, bytesPerRow, e);
    }
  }

  /**
   * Reads and checks every row of {@code rows}, handing each valid one to {@code sink}, and says
   * through the warnings what the policy did, as {@link #collect} does but without keeping rows.
   *
   * @return the number of valid rows
   * @throws DataException on an invalid row the policy does not cover, or when no row is valid
   */
  long forEach(RowSource rows, RowSink sink) {
    int d = columns.features().size();
    int k = columns.classes().size();
    boolean counts = kind == TargetKind.COUNTS;
    long valid = 0;
    double[] rowX = new double[d];
    double[] row = new double[k];
    String[] featureLabels = labels(columns.features());
    String[] classLabels = labels(columns.classes());
    int skipped = 0;
    int renormalized = 0;
    int rounded = 0;
    double furthest = 0;
    String furthestRow = null;
    String firstSkipped = null;
    boolean countsLikeFractions = counts; // every valid row's counts sum to 1 within rounding, so far
    boolean[] countsUp = new boolean[d]; // whole numbers rising from row to row, as a row number, so far
    Arrays.fill(countsUp, true);
    double[] first = new double[d];
    double[] last = new double[d];
    boolean[] constant = new boolean[d]; // every kept row's value equal to the first's, so far
    Arrays.fill(constant, true);
    while (rows.next()) {
      double weight;
      try {
        rows.checkShape();
        for (int j = 0; j < d; j++) {
          double v = rows.feature(j);
          if (!Double.isFinite(v)) {
            throw notFinite(rows.where(), featureLabels[j], v, LENIENCY);
          }
          rowX[j] = v;
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
          double v = rows.target(j);
          if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw Double.isFinite(v)
                ? error(rows.where(), classLabels[j], v, "is negative; " + (counts ? "counts" : "fractions")
                    + " must be >= 0" + LENIENCY)
                : notFinite(rows.where(), classLabels[j], v, LENIENCY);
          }
          row[j] = v;
          total += v;
        }
        weight = 1;
        if (counts) {
          if (!(total > 0)) {
            throw new DataException(rows.where() + ": the counts in " + describe(columns.classes()) + " sum to "
                + plain(total) + "; a row of counts needs a positive total" + LENIENCY);
          }
          divide(row, total);
          weight = total;
        } else if (Math.abs(total - 1) > NOISE) {
          int decimals = rows.targetDecimals();
          double tolerance = tolerance(k, decimals);
          if (Math.abs(total - 1) <= tolerance * (1 + 1e-9)) { // a row exactly at the bound is within it
            divide(row, total);
            rounded++;
            if (Math.abs(total - 1) > furthest) {
              furthest = Math.abs(total - 1);
              furthestRow = rows.where() + ", which sums to " + plain(total);
            }
          } else if (policy == InvalidRows.RENORMALIZE && total > 0) {
            divide(row, total);
            renormalized++;
          } else if (total == 0) {
            throw new DataException(rows.where() + ": the fractions in " + describe(columns.classes())
                + " are all 0, so the row has no distribution to learn; fill it in" + ALL_ZERO_SKIP);
          } else {
            throw new DataException(rows.where() + ": the fractions in " + describe(columns.classes())
                + " sum to " + plain(total) + "; each row must sum to 1 within " + plain(tolerance)
                + (decimals == 1 && tolerance >= MOST_ROUNDING ? ", the most fracnet takes as rounding of one decimal"
                    : tolerance > CsvDatasetReader.SUM_TOLERANCE ? ", what rounding " + k + " fractions to "
                    + decimals + " decimal place" + (decimals == 1 ? "" : "s") + " allows" : "")
                + (Math.abs(total - 100) <= 0.5
                    ? " (percentages? InvalidRows.RENORMALIZE divides each row by its sum, and each row weighs 1;"
                    + " TargetKind.COUNTS would take them as counts and weigh each row by its total, about 100)"
                    : " (if these are counts, use TargetKind.COUNTS, which weighs each row by its total;"
                    + " InvalidRows.RENORMALIZE divides such rows by their sum, and each row weighs 1)"));
          }
        }
        if (columns.weight() != null) {
          double v = rows.weight();
          if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw !Double.isFinite(v)
                ? notFinite(rows.where(), columns.weight(), v, LENIENCY)
                : error(rows.where(), columns.weight(), v, "is not positive; weights must be > 0" + LENIENCY);
          }
          weight *= v;
        }
      } catch (DataException e) {
        if (policy != InvalidRows.SKIP) {
          // a missing value or a row of the wrong width: skipping drops just that row
          boolean offerSkipping = e instanceof CsvTable.RowDefect defect && !defect.advisesItself;
          throw offerSkipping ? new DataException(e.getMessage() + LENIENCY, e) : e;
        }
        skipped++;
        if (firstSkipped == null) { // without the advice to skip such rows, which is being followed
          firstSkipped = e.getMessage().replace(LENIENCY, "").replace(ALL_ZERO_SKIP, "");
        }
        continue;
      }
      // a kept row of counts whose total is 1 within the rounding a row of fractions may have
      countsLikeFractions &= !counts || Math.abs(weight - 1) <= tolerance(k, rows.targetDecimals()) * (1 + 1e-9);
      for (int j = 0; j < d; j++) {
        countsUp[j] &= rowX[j] == Math.rint(rowX[j]) && (valid == 0 || rowX[j] > last[j]);
        constant[j] &= valid == 0 || rowX[j] == first[j];
        first[j] = valid == 0 ? rowX[j] : first[j];
        last[j] = rowX[j];
      }
      sink.accept(rowX, row, weight, columns.idColumn() != null ? rows.id() : null);
      valid++;
    }
    if (skipped > 0) {
      warnings.accept(source + ": skipped " + skipped + " invalid row" + (skipped == 1 ? "" : "s") + " of "
          + (skipped + valid) + " (" + percent(skipped, skipped + valid) + ", InvalidRows.SKIP); the first: "
          + firstSkipped);
    }
    if (rounded > 0) {
      warnings.accept(source + ": divided " + rounded + " row" + (rounded == 1 ? "" : "s") + " of fractions by"
          + " their sum, as " + (rounded == 1 ? "it sums" : "they sum") + " to 1 only within rounding (the furthest: "
          + furthestRow + ")");
    }
    if (renormalized > 0) {
      warnings.accept(source + ": divided " + renormalized + " row" + (renormalized == 1 ? "" : "s")
          + " of fractions by their sum (InvalidRows.RENORMALIZE)");
    }
    if (countsLikeFractions && valid > 1) {
      warnings.accept(source + ": the counts of every row sum to 1 (within rounding), as fractions do; if they are"
          + " fractions, TargetKind.FRACTIONS reads them so (as counts, each row weighs its total, about 1, so the fit"
          + " barely differs)");
    }
    List<String> constants = new ArrayList<>();
    for (int j = 0; wholeTable && valid > 1 && j < d; j++) {
      if (constant[j]) {
        constants.add(CsvTable.shown(columns.features().get(j)) + " = " + plain(first[j]));
      }
    }
    if (!constants.isEmpty()) {
      warnings.accept(source + ": " + (constants.size() == 1 ? "feature column " : constants.size()
          + " feature columns ") + String.join(", ", constants.subList(0, Math.min(10, constants.size())))
          + (constants.size() > 10 ? ", ..." : "") + (constants.size() == 1 ? " holds" : " hold") + " one value in"
          + " every row: a model trained on such rows learns nothing from " + (constants.size() == 1 ? "it" : "them")
          + " and ignores " + (constants.size() == 1 ? "it" : "them") + " when predicting");
    }
    for (int j = 0; wholeTable && valid >= ROW_NUMBER_ROWS && j < d; j++) {
      if (countsUp[j]) {
        warnings.accept(source + ": feature " + featureLabels[j] + " rises by whole numbers from row to row ("
            + plain(first[j]) + " to " + plain(last[j]) + "), as a row number or id does, and the network reads it"
            + " as a feature; if it is not a feature, give it as DatasetSpec.idColumn or leave it out of"
            + " DatasetSpec.features");
      }
    }
    if (valid > 0) {
      return valid;
    }
    throw new DataException(source + (skipped > 0 ? " has no valid rows (all " + skipped
        + " were skipped; the first: " + firstSkipped + ")" : rows.noRows()));
  }

  /**
   * How far a row of {@code classes} fractions may sum from 1 when its targets are written with
   * {@code decimals} decimal places (-1: not written, a data set in memory): the
   * rounding those places allow, {@code classes x 0.5 x 10^-decimals}, never less than
   * {@link CsvDatasetReader#SUM_TOLERANCE}, and for one decimal never more than {@link #MOST_ROUNDING}.
   */
  static double tolerance(int classes, int decimals) {
    if (decimals <= 0) {
      return CsvDatasetReader.SUM_TOLERANCE;
    }
    double rounding = classes * 0.5 * Math.pow(10, -decimals);
    return Math.max(CsvDatasetReader.SUM_TOLERANCE, decimals == 1 ? Math.min(MOST_ROUNDING, rounding) : rounding);
  }

  /** {@code part} as a share of {@code whole}: {@code 60 %}, {@code 0.4 %}. */
  private static String percent(long part, long whole) {
    double p = 100.0 * part / whole;
    return (p >= 10 ? String.valueOf(Math.round(p)) : plain(new BigDecimal(p).round(new MathContext(2)).doubleValue()))
        + " %";
  }

  /** {@code v} for a message: 12 significant digits at most, without an exponent in the usual range. */
  static String plain(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return v == 0 ? "0" : String.valueOf(v);
    }
    BigDecimal exact = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
    return Math.abs(v) >= 1e-9 && Math.abs(v) < 1e12 ? exact.toPlainString() : exact.toString();
  }

  /**
   * The error for a value that is not finite, naming where, the column, the value and {@code fix}.
   *
   * @param column the column as messages name it: {@code column age}
   * @param fix what follows the problem in the message, starting with a space, or empty
   */
  static DataException notFinite(String where, String column, double v, String fix) {
    return error(where, column, v, "is not finite; values must be finite numbers" + fix);
  }

  /** {@code column NAME} for each name. */
  static String[] labels(List<String> names) {
    return names.stream().map(n -> "column " + CsvTable.shown(n)).toArray(String[]::new);
  }

  private static DataException error(String where, String column, double value, String problem) {
    return new DataException(where + ", " + column + ": " + value + " " + problem);
  }

  /** How row {@code i} (0-based) of a data set in memory is named in messages. */
  static String row(String source, long i) {
    return source + " row " + (i + 1) + " (1-based)";
  }

  private static void divide(double[] row, double by) {
    for (int j = 0; j < row.length; j++) {
      row[j] /= by;
    }
  }

  private static String describe(List<String> names) {
    return names.size() <= 4 ? CsvTable.shown(names)
        : CsvTable.shown(names.get(0)) + ".." + CsvTable.shown(names.get(names.size() - 1));
  }
}
