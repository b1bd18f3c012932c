package org.fracnet.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.fracnet.core.DataException;
import org.fracnet.core.SettingsException;

/**
 * A {@link DatasetSpec} resolved against a table's column names: which columns are the features,
 * the targets, the weight and the id. The CSV reader resolves its header with it, and so can any
 * other reader of tables (a Spark DataFrame's columns), so that a spec means the same everywhere
 * and a spec that does not fit fails with the same message, before any row is read.
 *
 * <p>{@link #dataset} then checks rows read elsewhere with the one validation every data set
 * goes through ({@code RowValidation}), with messages that say where the row is as the caller
 * names it (a Spark job names it by its values).
 *
 * @param source the table, for messages
 * @param header the table's column names, in order
 * @param featureColumns positions in {@code header} of the features, in data set order
 * @param targetColumns positions of the targets (one per class), in data set order
 * @param weightColumn position of the weight column, or -1
 * @param idColumn position of the id column, or -1
 */
public record DatasetColumns(String source, List<String> header, List<Integer> featureColumns,
    List<Integer> targetColumns, int weightColumn, int idColumn) implements java.io.Serializable {
  public DatasetColumns {
    header = List.copyOf(header);
    featureColumns = List.copyOf(featureColumns);
    targetColumns = List.copyOf(targetColumns);
  }

  /**
   * Resolves {@code spec} against {@code header}: targets, weight and id as given, features as
   * given or every column left over, less those its {@code !} items leave out; each column in at
   * most one part.
   *
   * @param source the table, for messages
   * @param header the column names
   * @throws SettingsException when the spec names a column the header lacks (listing the
   *     columns), selects fewer than two targets, or gives a column two parts
   * @throws DataException when no feature column is left
   */
  public static DatasetColumns resolve(String source, List<String> header, DatasetSpec spec) {
    String[] parts = new String[header.size()];
    List<Integer> targetCols = ColumnSpec.select(source, header, spec.targets(), "DatasetSpec.targets");
    if (targetCols.size() < 2) {
      throw new SettingsException(source + ": DatasetSpec.targets '" + spec.targets() + "' selects "
          + targetCols.size() + " column (" + CsvTable.shown(header.get(targetCols.get(0))) + "); a data set needs"
          + " at least 2 classes, one target column per class (with one class there is nothing to predict)");
    }
    claim(source, header, parts, targetCols, "DatasetSpec.targets");
    int weightCol = spec.weightColumn() == null ? -1
        : ColumnSpec.column(source, header, spec.weightColumn(), "DatasetSpec.weightColumn");
    claim(source, header, parts, weightCol < 0 ? List.of() : List.of(weightCol), "DatasetSpec.weightColumn");
    int idCol = spec.idColumn() == null ? -1 : ColumnSpec.column(source, header, spec.idColumn(), "DatasetSpec.idColumn");
    claim(source, header, parts, idCol < 0 ? List.of() : List.of(idCol), "DatasetSpec.idColumn");
    List<Integer> featureCols = new ArrayList<>();
    ColumnSpec.Split split = ColumnSpec.split(header, spec.features(), "DatasetSpec.features");
    boolean given = !split.kept().isEmpty();
    if (given) {
      featureCols.addAll(ColumnSpec.select(source, header, split.kept(), "DatasetSpec.features"));
    } else if (spec.features() == null || !split.left().isEmpty()) {
      for (int c = 0; c < header.size(); c++) {
        if (parts[c] == null && !header.get(c).equals(CsvTable.UNNAMED_INDEX)) {
          featureCols.add(c);
        }
      }
    }
    featureCols.removeAll(ColumnSpec.select(source, header, split.left(), "DatasetSpec.features"));
    if (given) {
      claim(source, header, parts, featureCols, "DatasetSpec.features");
    }
    if (featureCols.isEmpty()) {
      throw new DataException(source + ": no feature columns are left after the targets"
          + (weightCol >= 0 ? ", weight" : "") + (idCol >= 0 ? " and id" : "")
          + "; a model needs at least one feature");
    }
    return new DatasetColumns(source, header, featureCols, targetCols, weightCol, idCol);
  }

  /**
   * Gives the columns {@code cols} the part {@code option} names.
   *
   * @throws SettingsException when one of them already has another part
   */
  private static void claim(String source, List<String> header, String[] parts, List<Integer> cols, String option) {
    for (int c : cols) {
      if (parts[c] != null) {
        throw new SettingsException(source + ": column " + CsvTable.shown(header.get(c)) + " is in both "
            + parts[c] + " and " + option + "; a column is a target, a feature, the weight or the id, not two"
            + " of them, so leave it out of one");
      }
      parts[c] = option;
    }
  }

  /**
   * The position among {@code header} of each of {@code wanted} (a model's features), bound by
   * name as everywhere: for a reader of tables other than CSV files.
   *
   * @param source the table, for messages
   * @throws DataException naming every missing column and listing the columns present
   */
  public static int[] featurePositions(String source, List<String> header, List<String> wanted) {
    return FeatureTable.positions(source, header, wanted);
  }

  /** The feature names, in data set order. */
  public List<String> featureNames() {
    return names(featureColumns);
  }

  /** The class names (the target columns), in data set order. */
  public List<String> classNames() {
    return names(targetColumns);
  }

  /** The weight column's name, or {@code null}. */
  public String weightName() {
    return weightColumn < 0 ? null : header.get(weightColumn);
  }

  /** The id column's name, or {@code null}. */
  public String idName() {
    return idColumn < 0 ? null : header.get(idColumn);
  }

  private List<String> names(List<Integer> cols) {
    return cols.stream().map(header::get).toList();
  }

  /** The names of the parts, as {@code RowValidation} reports them. */
  RowValidation.Columns validationColumns() {
    return new RowValidation.Columns(featureNames(), classNames(),
        weightColumn >= 0 ? "column " + CsvTable.shown(header.get(weightColumn)) : null, idName());
  }

  /**
   * Checks {@code n} rows read elsewhere (row-major arrays in the order of these columns) with the
   * validation of every data set and returns them as a data set named {@link #source()}. Messages
   * name a row as {@code where} says (a row counted within the caller's part, or its values),
   * the column, the value and the fix, as for a CSV file.
   *
   * @param kind fractions or counts
   * @param policy what to do with an invalid row
   * @param x n x d features
   * @param p n x k targets as given (fractions or counts)
   * @param w n weights, or {@code null} without a weight column
   * @param ids n ids, or {@code null} when they are not read (the data set then has no id column)
   * @param where how row {@code i} (0-based) is named in messages
   * @param warnings told how many rows were skipped or divided by their sum
   * @throws DataException on an invalid row the policy does not cover, or when no row is left
   */
  public Dataset dataset(TargetKind kind, InvalidRows policy, int n, double[] x, double[] p, double[] w,
      String[] ids, IntFunction<String> where, Consumer<String> warnings) {
    int d = featureColumns.size();
    int k = targetColumns.size();
    MemoryRows rows = MemoryRows.ofFlat(source, n, d, k, x, p, w, ids);
    RowSource named = new RowSource() {
      private int i = -1;

      @Override
      public boolean next() {
        i++;
        return rows.next();
      }

      @Override
      public String where() {
        return where.apply(i);
      }

      @Override
      public void checkShape() {
        rows.checkShape();
      }

      @Override
      public double feature(int j) {
        return rows.feature(j);
      }

      @Override
      public double target(int j) {
        return rows.target(j);
      }

      @Override
      public double weight() {
        return rows.weight();
      }

      @Override
      public String id() {
        return rows.id();
      }
    };
    RowValidation.Columns all = validationColumns();
    RowValidation.Columns columns = ids != null ? all
        : new RowValidation.Columns(all.features(), all.classes(), all.weight(), null); // ids not read
    List<String> notes = new ArrayList<>();
    // a part of a table: whether a column holds one value or counts up is a question for the whole
    return new Dataset(source, new RowValidation(source, columns, kind, policy, Dataset.noting(notes, warnings),
        false).collect(named, n), kind == TargetKind.COUNTS, columns, notes);
  }
}
