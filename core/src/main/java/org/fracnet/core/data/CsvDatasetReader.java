package org.fracnet.core.data;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;
import org.fracnet.core.DataException;
import org.fracnet.core.SettingsException;

/**
 * Reads data sets from CSV files with a header line, validating every value; and the feature
 * columns of files to predict on. Every error in the data names the file, the line (1-based, the
 * header is line 1), the column, the offending value and the fix ({@link DataException}); a spec
 * that does not fit the file names the spec's field ({@link SettingsException}).
 *
 * <p>Fractions must be finite, non-negative and sum to 1 within {@value #SUM_TOLERANCE}; counts
 * must be finite, non-negative, with a positive row total; weights must be positive. A data set
 * built in memory ({@link Dataset#builder}) is checked by the same code.
 */
public final class CsvDatasetReader {
  /** How far a row of fractions may sum from 1. */
  public static final double SUM_TOLERANCE = 1e-6;

  private CsvDatasetReader() {}

  /**
   * Reads features, targets and weights as {@code spec} says.
   *
   * @param file the CSV file
   * @param spec which columns hold what
   * @return the data set
   * @throws DataException on invalid data, naming file, line, column and value
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static Dataset read(Path file, DatasetSpec spec) {
    return read(file, spec, message -> { });
  }

  /**
   * Reads features, targets and weights as {@code spec} says; with {@link InvalidRows#SKIP} or
   * {@link InvalidRows#RENORMALIZE}, says how many rows were skipped or renormalised through
   * {@code warnings}.
   *
   * @param file the CSV file
   * @param spec which columns hold what
   * @param warnings receives one line per kind of row that was skipped or renormalised
   * @return the data set
   * @throws DataException on invalid data that the policy does not cover
   * @throws SettingsException when {@code spec} does not fit the file's columns
   */
  public static Dataset read(Path file, DatasetSpec spec, Consumer<String> warnings) {
    try (CsvTable table = CsvTable.open(file)) {
      return read(table, spec, warnings);
    }
  }

  /** Reads a data set from {@code reader}, which is closed; {@code name} stands for it in messages. */
  static Dataset read(String name, Reader reader, DatasetSpec spec, Consumer<String> warnings) {
    try (CsvTable table = CsvTable.open(name, reader)) {
      return read(table, spec, warnings);
    }
  }

  private static Dataset read(CsvTable table, DatasetSpec spec, Consumer<String> warnings) {
    List<String> header = table.header;
    List<Integer> targetCols = ColumnSpec.select(table.name, header, spec.targets(), "DatasetSpec.targets");
    if (targetCols.size() < 2) {
      throw new SettingsException(table.name + ": DatasetSpec.targets '" + spec.targets() + "' selects "
          + targetCols.size() + " column; fractions need at least 2 target columns");
    }
    int weightCol = spec.weightColumn() == null ? -1
        : ColumnSpec.column(table.name, header, spec.weightColumn(), "DatasetSpec.weightColumn");
    int idCol = spec.idColumn() == null ? -1
        : ColumnSpec.column(table.name, header, spec.idColumn(), "DatasetSpec.idColumn");
    List<Integer> featureCols;
    if (spec.features() != null) {
      featureCols = ColumnSpec.select(table.name, header, spec.features(), "DatasetSpec.features");
      for (int c : featureCols) {
        if (targetCols.contains(c) || c == weightCol || c == idCol) {
          throw new SettingsException(table.name + ": column " + header.get(c)
              + " is selected as a feature and also as a target, weight or id;"
              + " leave it out of DatasetSpec.features");
        }
      }
    } else {
      featureCols = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (!targetCols.contains(c) && c != weightCol && c != idCol) {
          featureCols.add(c);
        }
      }
    }
    if (featureCols.isEmpty()) {
      throw new DataException(table.name + ": no feature columns are left after the targets"
          + (weightCol >= 0 ? ", weight" : "") + (idCol >= 0 ? " and id" : "")
          + "; a model needs at least one feature");
    }
    String featureHint = spec.features() == null
        ? " (if this column is not a feature, give it as DatasetSpec.idColumn"
            + " or list the features in DatasetSpec.features)"
        : "";
    RowValidation.Columns columns = new RowValidation.Columns(names(header, featureCols), names(header, targetCols),
        weightCol >= 0 ? "column " + header.get(weightCol) : null, idCol >= 0 ? header.get(idCol) : null);
    RowValidation.Rows rows = new RowValidation(table.name, columns, spec.targetKind(), spec.onInvalid(), warnings)
        .collect(new CsvRows(table, featureCols, targetCols, weightCol, idCol, featureHint), 1024);
    return new Dataset(table.name, rows, spec.targetKind() == TargetKind.COUNTS, columns);
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
    return CsvFeatureReader.forEachChunk(file, featureNames, idColumn, chunkRows, consumer);
  }

  private static List<String> names(List<String> header, List<Integer> cols) {
    return cols.stream().map(header::get).toList();
  }

  /** The records of an open table as rows of a data set. */
  private static final class CsvRows implements RowSource {
    private final CsvTable table;
    private final int[] featureCols;
    private final int[] targetCols;
    private final int weightCol;
    private final int idCol;
    private final String featureHint;
    private final Iterator<CSVRecord> records;
    private CSVRecord rec;
    private long line;

    CsvRows(CsvTable table, List<Integer> featureCols, List<Integer> targetCols, int weightCol, int idCol,
        String featureHint) {
      this.table = table;
      this.featureCols = featureCols.stream().mapToInt(Integer::intValue).toArray();
      this.targetCols = targetCols.stream().mapToInt(Integer::intValue).toArray();
      this.weightCol = weightCol;
      this.idCol = idCol;
      this.featureHint = featureHint;
      this.records = table.records();
    }

    @Override
    public boolean next() {
      if (!records.hasNext()) {
        return false;
      }
      rec = records.next();
      line = rec.getRecordNumber(); // the header is record 1, as it is line 1
      return true;
    }

    @Override
    public String where() {
      return table.name + " line " + line;
    }

    @Override
    public void checkShape() {
      table.checkWidth(rec);
    }

    @Override
    public double feature(int j) {
      return table.number(rec, featureCols[j], line, featureHint);
    }

    @Override
    public double target(int j) {
      return table.number(rec, targetCols[j], line, "");
    }

    @Override
    public double weight() {
      return table.number(rec, weightCol, line, "");
    }

    @Override
    public String id() {
      return rec.get(idCol);
    }

    @Override
    public String noRows() {
      return " has a header but no data rows; add at least one row";
    }
  }
}
