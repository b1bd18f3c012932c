package org.fracnet.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.fracnet.core.DataException;
import org.fracnet.core.SettingsException;

/**
 * Samples with features, target fractions and row weights, held as row-major arrays, checked
 * whichever way they were given.
 *
 * <p>Features {@code x} are n x d finite values, targets {@code p} are n x k fractions (each row
 * non-negative, summing to 1 within the rounding of the decimals written, see
 * {@link CsvDatasetReader}; rows within it are divided by their sum), weights {@code w} are
 * n finite positive values (all ones when the data have none; the row totals when targets were
 * given as counts). Optional ids (one string per row) are carried through to predictions.
 *
 * <p>Three ways to make one, all checked by the same code, each error a {@link DataException}
 * that names the source, the row (a line of the file, or a row counted from 1), the column, the
 * value and the fix:
 * <ul>
 *   <li>{@link #readCsv(Path, DatasetSpec)}: from a CSV file;</li>
 *   <li>{@link #builder(String)}: from arrays in memory, targets as fractions or counts;</li>
 *   <li>the constructor: from flat row-major arrays of fractions.</li>
 * </ul>
 *
 * <p>Instances are immutable: accessors return the internal arrays for speed, and callers must
 * not modify them.
 */
public final class Dataset implements TrainingRows {
  /** How the weights of a data set in memory are named in messages. */
  private static final String WEIGHT = "weight";

  private final String source;
  private final int rows;
  private final double[] x;
  private final double[] p;
  private final double[] w;
  private final boolean weightsAreCounts;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final String idColumn;
  private final String[] ids;
  private final List<String> notes;

  /**
   * A data set of flat row-major arrays of fractions, checked like a CSV file (the arrays are
   * copied).
   *
   * @param source what the rows are called in messages (a file name, or e.g. {@code "survey 2024"})
   * @param x n x d features
   * @param p n x k fractions
   * @param w n weights, or {@code null} for all ones
   * @param weightsAreCounts whether {@code w} holds the unit counts of each row
   * @param featureNames the d feature names
   * @param classNames the k class names
   * @param idColumn the name of the id column, or {@code null}
   * @param ids n ids, or {@code null} when {@code idColumn} is null
   * @throws DataException on arrays whose sizes do not fit the names, or on any invalid value,
   *     naming the row (1-based), the column and the value
   */
  public Dataset(String source, double[] x, double[] p, double[] w, boolean weightsAreCounts,
      List<String> featureNames, List<String> classNames, String idColumn, String[] ids) {
    this(source, checkFlat(source, x, p, w, featureNames, classNames, idColumn, ids), weightsAreCounts);
  }

  private Dataset(String source, Checked checked, boolean weightsAreCounts) {
    this(source, checked.rows(), weightsAreCounts, checked.columns());
  }

  /** A data set of validated rows (no copy, no checks), without notes. */
  Dataset(String source, RowValidation.Rows rows, boolean weightsAreCounts, RowValidation.Columns columns) {
    this(source, rows, weightsAreCounts, columns, List.of());
  }

  /** A data set of validated rows (no copy, no checks), with what reading them noted. */
  Dataset(String source, RowValidation.Rows rows, boolean weightsAreCounts, RowValidation.Columns columns,
      List<String> notes) {
    this(source, rows.count(), rows.x(), rows.p(), rows.w(), weightsAreCounts, columns.features(),
        columns.classes(), columns.idColumn(), rows.ids(), notes);
  }

  /** The private path for copies of valid data: no checks. */
  private Dataset(String source, int rows, double[] x, double[] p, double[] w, boolean weightsAreCounts,
      List<String> featureNames, List<String> classNames, String idColumn, String[] ids, List<String> notes) {
    this.notes = List.copyOf(notes);
    this.source = source;
    this.rows = rows;
    this.x = x;
    this.p = p;
    this.w = w;
    this.weightsAreCounts = weightsAreCounts;
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    this.idColumn = idColumn;
    this.ids = ids;
  }

  /** A consumer that adds each line to {@code notes} and hands it on to {@code warnings}. */
  static Consumer<String> noting(List<String> notes, Consumer<String> warnings) {
    return line -> {
      notes.add(line);
      warnings.accept(line);
    };
  }

  /** Names and rows that passed {@link RowValidation}. */
  private record Checked(RowValidation.Columns columns, RowValidation.Rows rows) {}

  private static Checked checkFlat(String source, double[] x, double[] p, double[] w, List<String> featureNames,
      List<String> classNames, String idColumn, String[] ids) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(p, "p");
    RowValidation.Columns columns = RowValidation.Columns.checked(source, featureNames, classNames,
        w == null ? null : WEIGHT, idColumn);
    int d = columns.features().size();
    int k = columns.classes().size();
    int n = p.length / k;
    if (p.length != (long) n * k || x.length != (long) n * d) {
      throw new DataException(source + ": " + x.length + " feature values and " + p.length
          + " target values are not the same number of rows of " + d + " features and " + k
          + " classes; give n x d features and n x k targets, row by row");
    }
    if (w != null && w.length != n) {
      throw new DataException(source + ": " + w.length + " weights for " + n + " rows; give one weight per row");
    }
    FeatureTable.checkIds(source, n, idColumn, ids);
    RowValidation.Rows rows = new RowValidation(source, columns, TargetKind.FRACTIONS, InvalidRows.ERROR, m -> { })
        .collect(MemoryRows.ofFlat(source, n, d, k, x, p, w, ids), n);
    return new Checked(columns, rows); // without weights, each row's weight is 1
  }

  /**
   * Reads a data set from a CSV file with a header line. Its warnings (rows divided by their sum,
   * a separator other than a comma) go to the platform logger {@code org.fracnet.core.data} at
   * WARNING; {@link #readCsv(Path, DatasetSpec, Consumer)} hands them to you instead.
   *
   * @param file the file
   * @param spec which columns hold targets, features, weights and ids, and what to do with an
   *     invalid row
   * @return the data set
   * @throws DataException on invalid data, naming file, line, column, value and fix
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static Dataset readCsv(Path file, DatasetSpec spec) {
    return CsvDatasetReader.read(file, spec);
  }

  /**
   * Reads a data set from a CSV file with a header line; says through {@code warnings} how many
   * rows were skipped ({@link InvalidRows#SKIP}) or divided by their sum (fractions within
   * rounding of 1, or {@link InvalidRows#RENORMALIZE}), and how a file separated by semicolons or
   * tabs was read. See {@link CsvDatasetReader} for what a file may be.
   *
   * @param file the file
   * @param spec which columns hold targets, features, weights and ids, and what to do with an
   *     invalid row
   * @param warnings receives one line per kind of row that was skipped or divided, and per
   *     separator other than a comma
   * @return the data set
   * @throws DataException on invalid data that the policy does not cover
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static Dataset readCsv(Path file, DatasetSpec spec, Consumer<String> warnings) {
    return CsvDatasetReader.read(file, spec, warnings);
  }

  /**
   * Starts a data set built from arrays in memory; see {@link Builder}.
   *
   * @param source what the data are called in messages, e.g. {@code "survey 2024"}
   * @return a builder
   */
  public static Builder builder(String source) {
    return new Builder(Objects.requireNonNull(source, "source"));
  }

  /** Where the rows came from, for messages (a file name). */
  @Override
  public String source() {
    return source;
  }

  /** Number of rows n. */
  @Override
  public int rows() {
    return rows;
  }

  /** Number of features d. */
  @Override
  public int featureCount() {
    return featureNames.size();
  }

  /** Number of classes k. */
  @Override
  public int classCount() {
    return classNames.size();
  }

  /** n x d features, row-major (do not modify). */
  public double[] features() {
    return x;
  }

  /** n x k target fractions, row-major (do not modify). */
  public double[] targets() {
    return p;
  }

  /** n row weights (do not modify). */
  public double[] weights() {
    return w;
  }

  /** Whether the weights are the unit counts of each row (targets given as counts). */
  public boolean weightsAreCounts() {
    return weightsAreCounts;
  }

  /** The d feature names, in the order of each row's features. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The k class names, in the order of each row's targets. */
  public List<String> classNames() {
    return classNames;
  }

  /** The id column's name, or {@code null}. */
  public String idColumn() {
    return idColumn;
  }

  /**
   * What reading these rows noted, the lines the warnings consumer was given: rows skipped or
   * divided by their sum, the separator of a file not separated by commas, columns that look like
   * row numbers or hold one value. Empty when there was nothing to say, and for a {@link #select}
   * of some rows. {@code fracnet compare} prints them in its report.
   */
  public List<String> notes() {
    return notes;
  }

  /** The id of row {@code i}, or {@code null} without an id column. */
  public String id(int i) {
    return ids == null ? null : ids[i];
  }

  /** A data set of the given rows, in the given order (copies). */
  public Dataset select(int[] rowIndices) {
    int d = featureCount();
    int k = classCount();
    double[] nx = new double[rowIndices.length * d];
    double[] np = new double[rowIndices.length * k];
    double[] nw = new double[rowIndices.length];
    String[] nids = ids == null ? null : new String[rowIndices.length];
    for (int r = 0; r < rowIndices.length; r++) {
      int i = rowIndices[r];
      System.arraycopy(x, i * d, nx, r * d, d);
      System.arraycopy(p, i * k, np, r * k, k);
      nw[r] = w[i];
      if (nids != null) {
        nids[r] = ids[i];
      }
    }
    return new Dataset(source, rowIndices.length, nx, np, nw, weightsAreCounts, featureNames, classNames,
        idColumn, nids, List.of()); // what reading noted was about all the rows
  }

  /**
   * The same rows with features replaced by {@code newX} (n x d), e.g. standardised; not checked
   * again (no copy).
   */
  public Dataset withFeatures(double[] newX) {
    if (newX.length != x.length) {
      throw new IllegalArgumentException("newX has " + newX.length + " values for " + rows + " rows of "
          + featureCount() + " features");
    }
    return new Dataset(source, rows, newX, p, w, weightsAreCounts, featureNames, classNames, idColumn, ids, notes);
  }

  /**
   * The same rows with the features {@code wanted}, in that order, taken by name, e.g. the
   * features a model was trained on, to evaluate it on these data. Features not in {@code wanted}
   * are dropped ({@code featureTable().bind(wanted).ignored()} lists them).
   *
   * @param wanted the feature names needed, in the order needed
   * @return this data set when its features are already {@code wanted}, else a copy
   * @throws DataException naming every missing feature and listing the features present
   */
  public Dataset withFeatureOrder(List<String> wanted) {
    BoundFeatures bound = FeatureTable.bind(source, featureNames, rows, x, wanted);
    if (bound.x() == x) {
      return this;
    }
    return new Dataset(source, rows, bound.x(), p, w, weightsAreCounts, bound.columns(), classNames, idColumn,
        ids, notes);
  }

  /** The features and ids of this data set as a table, e.g. to predict on (no copy). */
  public FeatureTable featureTable() {
    return new FeatureTable(source, featureNames, rows, x, idColumn, ids);
  }

  @Override
  public String toString() {
    return "Dataset[" + source + ", " + rows + " rows, " + featureCount() + " features, "
        + classCount() + " classes]";
  }

  /**
   * Builds a data set from arrays in memory, checked exactly as a CSV file is: features finite,
   * targets finite and non-negative, fractions summing to 1 within
   * {@link CsvDatasetReader#SUM_TOLERANCE} (a row off by less is divided by its sum; values in
   * memory carry no written decimals to allow more) or counts with a positive total, which become
   * fractions with the total as the row's weight, weights finite and positive. Errors name the
   * source, the row counted from 1, the column and the value.
   *
   * <pre>{@code
   * Dataset data = Dataset.builder("survey")
   *     .features(List.of("age", "income"), new double[][] {{34, 52.0}, {61, 38.5}})
   *     .targets(List.of("car", "bus", "bike"), new double[][] {{40, 8, 2}, {12, 3, 0}})
   *     .targetsAre(TargetKind.COUNTS)
   *     .build();
   * }</pre>
   *
   * <p>Arrays are copied by {@link #build()}; a builder is not thread-safe.
   */
  public static final class Builder {
    private final String source;
    private List<String> featureNames;
    private double[][] features;
    private List<String> classNames;
    private double[][] targets;
    private TargetKind kind = TargetKind.FRACTIONS;
    private double[] weights;
    private String idColumn;
    private String[] ids;
    private InvalidRows onInvalid = InvalidRows.ERROR;
    private Consumer<String> warnings = DefaultWarnings.LOG;

    private Builder(String source) {
      this.source = source;
    }

    /**
     * The features: one array per row, one value per name, in {@code names} order.
     *
     * @param names the feature names, unique
     * @param rows n rows of d values
     * @return this builder
     */
    public Builder features(List<String> names, double[][] rows) {
      this.featureNames = Objects.requireNonNull(names, "names");
      this.features = Objects.requireNonNull(rows, "rows");
      return this;
    }

    /**
     * The targets: one array per row, one value per class, in {@code classNames} order; fractions
     * unless {@link #targetsAre} says counts.
     *
     * @param classNames the class names, at least two, unique
     * @param rows n rows of k values
     * @return this builder
     */
    public Builder targets(List<String> classNames, double[][] rows) {
      this.classNames = Objects.requireNonNull(classNames, "classNames");
      this.targets = Objects.requireNonNull(rows, "rows");
      return this;
    }

    /**
     * Whether the targets are fractions (the default) or counts. Counts are divided by the row
     * total, which becomes the row's weight (times any weight given), as for a CSV file.
     *
     * @param kind fractions or counts
     * @return this builder
     */
    public Builder targetsAre(TargetKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Row weights, finite and positive (default: all ones).
     *
     * @param weights n weights
     * @return this builder
     */
    public Builder weights(double[] weights) {
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * Row ids, carried through to predictions.
     *
     * @param idColumn the ids' column name, e.g. {@code group_id}
     * @param ids n ids
     * @return this builder
     */
    public Builder ids(String idColumn, String[] ids) {
      this.idColumn = Objects.requireNonNull(idColumn, "idColumn");
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * What to do with an invalid row (default {@link InvalidRows#ERROR}, with warnings logged to
     * the platform logger {@code org.fracnet.core.data}); {@code warnings} is told
     * how many rows were skipped ({@link InvalidRows#SKIP}) or divided by their sum (rows of
     * fractions within {@link CsvDatasetReader#SUM_TOLERANCE} of 1, more than 1e-9 off, and, with
     * {@link InvalidRows#RENORMALIZE}, rows further off).
     *
     * @param policy the policy
     * @param warnings receives one line per kind of row that was skipped or divided
     * @return this builder
     */
    public Builder invalidRows(InvalidRows policy, Consumer<String> warnings) {
      this.onInvalid = Objects.requireNonNull(policy, "policy");
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    /**
     * Checks every value and builds the data set.
     *
     * @return the data set
     * @throws DataException on missing parts, sizes that do not fit, or an invalid value (naming
     *     the row counted from 1, the column and the value) that the policy does not cover
     */
    public Dataset build() {
      if (features == null || targets == null) {
        throw new DataException(source + ": no " + (features == null ? "features" : "targets")
            + " given; call " + (features == null ? "features(names, rows)" : "targets(classNames, rows)")
            + " before build()");
      }
      RowValidation.Columns columns = RowValidation.Columns.checked(source, featureNames, classNames,
          weights == null ? null : WEIGHT, idColumn);
      int n = features.length;
      if (targets.length != n) {
        throw new DataException(source + ": " + n + " rows of features but " + targets.length
            + " rows of targets; give one row of each per sample");
      }
      if (weights != null && weights.length != n) {
        throw new DataException(source + ": " + weights.length + " weights for " + n
            + " rows; give one weight per row");
      }
      FeatureTable.checkIds(source, n, idColumn, ids);
      List<String> notes = new ArrayList<>();
      RowValidation.Rows rows = new RowValidation(source, columns, kind, onInvalid, noting(notes, warnings))
          .collect(MemoryRows.ofRows(source, columns.features().size(), columns.classes().size(), features,
              targets, weights, ids), n);
      return new Dataset(source, rows, kind == TargetKind.COUNTS, columns, notes);
    }
  }
}
