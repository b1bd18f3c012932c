package org.fracnet.core.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import org.fracnet.core.DataException;
import org.fracnet.core.SettingsException;

/**
 * Reads data sets from CSV files with a header line, validating every value; and the feature
 * columns of files to predict on. Every error in the data names the file, the line (1-based, the
 * header is line 1), the column, the offending value and the fix ({@link DataException}); a spec
 * that does not fit the file names the spec's field ({@link SettingsException}).
 *
 * <p>What a file may be: UTF-8 text (a byte order mark is dropped; binary files, UTF-16 and other
 * encodings are refused, naming the line and byte offset where the text stops being UTF-8),
 * optionally gzip-compressed (recognised by its first bytes, whatever its name, and read as a
 * stream); LF or CRLF line ends; values separated by commas, or, when the header line has no comma,
 * by semicolons or tabs, whose numbers may then be written with a decimal comma (the warnings say
 * how such a file was read); values in double quotes may hold separators, line ends and doubled
 * double quotes. Numbers are decimals such as {@code 0.25}, {@code .25}, {@code 2.5e-1}; one that
 * overflows a double ({@code 1e400}) is an error, one that underflows ({@code 1e-400}) reads as 0.
 *
 * <p>What the values must be: features finite; targets finite and non-negative; fractions summing
 * to 1 within the rounding their decimals allow: a row of k fractions written to d decimal places
 * may miss 1 by k x 0.5 x 10^-d, and by at least {@value #SUM_TOLERANCE}
 * ({@code 0.333333,0.333333,0.333334} sums to 1.000001, within 3 x 0.5e-6), while a row written
 * without decimals ({@code 1,0,0}) gets only {@value #SUM_TOLERANCE}. The row's d is the fewest
 * decimal places among its values written with at least two significant digits (so that six
 * significant digits, {@code 0.544444,0.0888889}, count as 6 places), or, when every value has one
 * digit ({@code 0.5}, {@code 0}, which say little of the precision used), the most places among
 * them. Such a row is divided by its
 * sum, and the warnings say how many rows were (rows within 1e-9 of 1 are kept as they are); a
 * row further off is an error naming the tolerance, or, with {@link InvalidRows#RENORMALIZE},
 * divided too. Counts must have a positive row total; they need not be whole numbers (weighted
 * counts such as 2.5 people are counts too). Weights must be positive. A data set has at least one
 * row and at least two classes; each column has one part (target, feature, weight or id). A data
 * set built in memory ({@link Dataset#builder}) is checked by the same code, with the tolerance
 * {@value #SUM_TOLERANCE}.
 *
 * <p>A file that does not fit in the heap is an error that estimates the memory it needs and says
 * how to give Java more ({@code -Xmx}).
 */
public final class CsvDatasetReader {
  /**
   * The least tolerance of a row of fractions: how far the sum of a row of a data set in memory,
   * or of a row of a file written without decimals, may be from 1. A row of a file written with
   * decimals may miss 1 by what rounding them allows, if that is more; see the class description.
   */
  public static final double SUM_TOLERANCE = 1e-6;
  /** What a message says after "is not a number; " for a feature. */
  static final String NUMBER = "expected a decimal such as 0.25 or 1.5e-3";
  /** What a message says after "is not a number; " for a target. */
  private static final String TARGET_FIX = "target columns must hold a number in every row, one column per class"
      + " with its fraction (or its count, TargetKind.COUNTS), so a column of labels or other text is not a target"
      + " (leave it out of DatasetSpec.targets)";

  private CsvDatasetReader() {}

  /**
   * Reads features, targets and weights as {@code spec} says; warnings go to the platform logger
   * {@code org.fracnet.core.data} at WARNING.
   *
   * @param file the CSV file
   * @param spec which columns hold what
   * @return the data set
   * @throws DataException on invalid data, naming file, line, column and value
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static Dataset read(Path file, DatasetSpec spec) {
    return read(file, spec, DefaultWarnings.LOG);
  }

  /**
   * Reads features, targets and weights as {@code spec} says; says through {@code warnings} how
   * many rows were skipped ({@link InvalidRows#SKIP}) or divided by their sum (rounded fractions,
   * or {@link InvalidRows#RENORMALIZE}), and how a file separated by semicolons or tabs was read.
   *
   * @param file the CSV file
   * @param spec which columns hold what
   * @param warnings receives one line per kind of row that was skipped or divided, and per
   *     separator other than a comma
   * @return the data set
   * @throws DataException on invalid data that the policy does not cover
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static Dataset read(Path file, DatasetSpec spec, Consumer<String> warnings) {
    try (CsvTable table = CsvTable.open(file)) {
      return read(table, spec, warnings);
    }
  }

  /**
   * Reads a data set from {@code in} (the bytes of a file, closed here); {@code name} stands for it
   * in messages.
   */
  static Dataset read(String name, InputStream in, DatasetSpec spec, Consumer<String> warnings) {
    try (CsvTable table = CsvTable.open(name, in, -1)) {
      return read(table, spec, warnings);
    }
  }

  private static Dataset read(CsvTable table, DatasetSpec spec, Consumer<String> warnings) {
    List<String> notes = new ArrayList<>();
    Consumer<String> noted = Dataset.noting(notes, warnings);
    Reading reading = reading(table, spec, noted);
    RowValidation.Rows rows = reading.validation().collect(reading.rows(), 1024);
    String note = table.formatNote();
    if (note != null) {
      noted.accept(note);
    }
    return new Dataset(table.name, rows, spec.targetKind() == TargetKind.COUNTS, reading.columns(), notes);
  }

  /**
   * Reads every row of {@code file} as {@code spec} says, checking it as {@link #read} does, and
   * hands each valid row to the sink {@code sinkFor} makes from the feature and class names (called
   * once, after the header, before the first row); keeps no rows, so memory does not grow with
   * the file. Warnings come as from {@link #read(Path, DatasetSpec, Consumer)}.
   *
   * @return the number of valid rows
   * @throws DataException on invalid data that the policy does not cover
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static long forEachRow(Path file, DatasetSpec spec, Consumer<String> warnings,
      BiFunction<List<String>, List<String>, RowSink> sinkFor) {
    try (CsvTable table = CsvTable.open(file)) {
      Reading reading = reading(table, spec, warnings);
      RowSink sink = sinkFor.apply(reading.columns().features(), reading.columns().classes());
      long count = reading.validation().forEach(reading.rows(), sink);
      String note = table.formatNote();
      if (note != null) {
        warnings.accept(note);
      }
      return count;
    }
  }

  /**
   * How many rows a file holds and of what width, as {@link #estimate} finds them.
   *
   * @param rows the data rows, counted when {@code exact}, else estimated from the file's size
   *     and the bytes its first rows took
   * @param exact whether the whole file was read
   * @param features d, as the spec selects
   * @param classes k
   * @param fileBytes the file's size on disk
   */
  public record RowEstimate(long rows, boolean exact, int features, int classes, long fileBytes) {}

  /** The most rows {@link #estimate} reads before it extrapolates. */
  static final int ESTIMATE_SAMPLE_ROWS = 50_000;

  /**
   * Estimates, without reading the whole file, how many rows it holds: counts the first
   * {@value #ESTIMATE_SAMPLE_ROWS} records (not validated) and scales by the share of the file
   * (compressed bytes, for gzip) they took; the header is checked against {@code spec} as
   * {@link #read} checks it.
   *
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static RowEstimate estimate(Path file, DatasetSpec spec) {
    try (CsvTable table = CsvTable.open(file)) {
      Reading reading = reading(table, spec, message -> { });
      long count = 0;
      boolean more = true;
      while (count < ESTIMATE_SAMPLE_ROWS && (more = table.next())) {
        count++;
      }
      more = more && table.next();
      long size = Math.max(0, table.fileBytes());
      long rows = count;
      if (more) {
        long read = Math.max(1, table.rawBytesRead());
        rows = Math.max(count + 1, Math.round((double) count * size / read));
      }
      return new RowEstimate(rows, !more, reading.columns().features().size(), reading.columns().classes().size(),
          size);
    }
  }

  /** How a table's rows are read: the columns, the rows and their validation. */
  private record Reading(RowValidation.Columns columns, CsvRows rows, RowValidation validation) {}

  private static Reading reading(CsvTable table, DatasetSpec spec, Consumer<String> warnings) {
    DatasetColumns resolved = DatasetColumns.resolve(table.name, table.header, spec);
    if (table.header.get(0).equals(CsvTable.UNNAMED_INDEX) && !resolved.featureNames().contains(CsvTable.UNNAMED_INDEX)
        && !CsvTable.UNNAMED_INDEX.equals(spec.idColumn()) && !CsvTable.UNNAMED_INDEX.equals(spec.weightColumn())) {
      warnings.accept(table.name + ": column 1 has no name, as pandas' DataFrame.to_csv writes its index, and is not"
          + " read (write with index=False to leave it out of the file)");
    }
    boolean onlyLeftOut = spec.features() != null
        && ColumnSpec.split(table.header, spec.features(), "DatasetSpec.features").kept().isEmpty();
    String featureFix = NUMBER + (spec.features() == null
        ? " (if this column is not a feature, give it as DatasetSpec.idColumn"
            + " or list the features in DatasetSpec.features)"
        : onlyLeftOut ? " (if this column is not a feature, add !name for it to DatasetSpec.features)"
        : " (if this column is not a feature, leave it out of DatasetSpec.features)");
    RowValidation.Columns columns = resolved.validationColumns();
    return new Reading(columns, new CsvRows(table, resolved.featureColumns(), resolved.targetColumns(),
        resolved.weightColumn(), resolved.idColumn(), featureFix),
        new RowValidation(table.name, columns, spec.targetKind(), spec.onInvalid(), warnings));
  }

  /**
   * The column names of a CSV file's header, as the readers see them (after the separator is
   * detected and a byte-order mark removed); reads only the header.
   *
   * @throws DataException when the file cannot be read or has no header
   */
  public static List<String> header(Path file) {
    try (CsvTable table = CsvTable.open(file)) {
      return List.copyOf(table.header);
    }
  }

  /**
   * Reads the named feature columns (in that order) and, when {@code idColumn} is not null, the id
   * column, ignoring every other column; the whole file at once.
   *
   * @param file the CSV file
   * @param featureNames the feature columns wanted, in the order wanted
   * @param idColumn the id column, or {@code null}
   * @return the features, with {@code featureNames} as its columns
   * @throws DataException when a column is missing (naming it) or a value is invalid
   */
  public static FeatureTable readFeatures(Path file, List<String> featureNames, String idColumn) {
    FeatureTable[] all = new FeatureTable[1];
    forEachFeatureChunk(file, featureNames, idColumn, Integer.MAX_VALUE, chunk -> all[0] = chunk);
    return all[0];
  }

  /**
   * Streams the named feature columns (in that order) and the id column, when not null, in chunks
   * of at most {@code chunkRows} rows, in file order; memory stays bounded by one chunk. For
   * prediction on files of any size. Columns are bound by name: their order in the file does not
   * matter, and the file's other columns are ignored and returned, so that they can be reported.
   *
   * @param file the CSV file
   * @param featureNames the feature columns wanted, in the order wanted
   * @param idColumn the id column, or {@code null}
   * @param chunkRows the most rows a chunk holds
   * @param consumer receives the chunks, each with {@code featureNames} as its columns
   * @return the file's columns that are neither a wanted feature nor the id column, in file order
   * @throws DataException when a wanted column is missing (before any chunk, naming it), on an
   *     invalid value (after the chunks before it were handed over), or when the file has no rows
   */
  public static List<String> forEachFeatureChunk(Path file, List<String> featureNames, String idColumn,
      int chunkRows, Consumer<FeatureTable> consumer) {
    return CsvFeatureReader.forEachChunk(file, featureNames, idColumn, chunkRows, consumer, message -> { },
        InvalidRows.ERROR);
  }

  /**
   * The same as {@link #forEachFeatureChunk(Path, List, String, int, Consumer)}, and says through
   * {@code warnings} how a file separated by semicolons or tabs was read (after the last chunk).
   *
   * @param file the CSV file
   * @param featureNames the feature columns wanted, in the order wanted
   * @param idColumn the id column, or {@code null}
   * @param chunkRows the most rows a chunk holds
   * @param consumer receives the chunks, each with {@code featureNames} as its columns
   * @param warnings receives a line when the file is not comma-separated
   * @return the file's columns that are neither a wanted feature nor the id column, in file order
   * @throws DataException when a wanted column is missing (before any chunk, naming it), on an
   *     invalid value (after the chunks before it were handed over), or when the file has no rows
   */
  public static List<String> forEachFeatureChunk(Path file, List<String> featureNames, String idColumn,
      int chunkRows, Consumer<FeatureTable> consumer, Consumer<String> warnings) {
    return CsvFeatureReader.forEachChunk(file, featureNames, idColumn, chunkRows, consumer, warnings,
        InvalidRows.ERROR);
  }

  /**
   * The same as {@link #forEachFeatureChunk(Path, List, String, int, Consumer, Consumer)}; with
   * {@link InvalidRows#SKIP}, a row that cannot be read (a missing or non-numeric feature, a row of
   * the wrong width) keeps its place in its chunk with every feature NaN, so that its predictions
   * are NaN and the rows after it keep their order, and {@code warnings} is told how many there
   * were and why the first was. {@link InvalidRows#RENORMALIZE} is about targets, which this
   * reads none of, and reads as {@link InvalidRows#ERROR}.
   *
   * @param policy {@link InvalidRows#ERROR} or {@link InvalidRows#SKIP}
   */
  public static List<String> forEachFeatureChunk(Path file, List<String> featureNames, String idColumn,
      int chunkRows, Consumer<FeatureTable> consumer, Consumer<String> warnings, InvalidRows policy) {
    return CsvFeatureReader.forEachChunk(file, featureNames, idColumn, chunkRows, consumer, warnings, policy);
  }

  /** The records of an open table as rows of a data set. */
  private static final class CsvRows implements RowSource {
    private final CsvTable table;
    private final int[] featureCols;
    private final int[] targetCols;
    private final int weightCol;
    private final int idCol;
    private final String featureFix;

    CsvRows(CsvTable table, List<Integer> featureCols, List<Integer> targetCols, int weightCol, int idCol,
        String featureFix) {
      this.table = table;
      this.featureCols = featureCols.stream().mapToInt(Integer::intValue).toArray();
      this.targetCols = targetCols.stream().mapToInt(Integer::intValue).toArray();
      this.weightCol = weightCol;
      this.idCol = idCol;
      this.featureFix = featureFix;
    }

    @Override
    public boolean next() {
      return table.next();
    }

    @Override
    public String where() {
      return table.name + " line " + table.line();
    }

    @Override
    public void checkShape() {
      table.checkWidth();
    }

    @Override
    public double feature(int j) {
      return table.featureNumber(featureCols[j], featureFix);
    }

    @Override
    public double target(int j) {
      return table.targetNumber(targetCols[j], TARGET_FIX);
    }

    @Override
    public double weight() {
      return table.number(weightCol, "weights are positive numbers such as 1 or 2.5");
    }

    @Override
    public String id() {
      return table.get(idCol);
    }

    @Override
    public int targetDecimals() {
      int most = 0;
      int fewestPrecise = Integer.MAX_VALUE;
      for (int c : targetCols) {
        int d = table.decimals(c);
        most = Math.max(most, d);
        if (table.significantDigits(c) >= 2) {
          fewestPrecise = Math.min(fewestPrecise, d);
        }
      }
      return fewestPrecise < Integer.MAX_VALUE ? fewestPrecise : most;
    }

    @Override
    public DataException outOfMemory(String source, long rows, long bytesPerRow, OutOfMemoryError e) {
      return table.outOfMemory(rows, bytesPerRow, e);
    }

    @Override
    public String noRows() {
      return " has a header but no data rows; add at least one row";
    }
  }
}
