package org.fracnet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.fracnet.core.DataException;
import org.fracnet.core.data.DatasetColumns;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.data.InvalidRows;
import org.fracnet.core.data.TargetKind;
import org.fracnet.core.training.HashSplit;
import org.fracnet.core.training.RowStatistics;

/**
 * Reads the rows of a DataFrame as a {@link DatasetSpec} says, with core's validation: the spec is
 * resolved against the DataFrame's columns on the driver ({@link DatasetColumns#resolve}, the CSV
 * reader's resolution and messages), so a missing column fails before any job runs, naming it and
 * the columns present; the column types are checked there too. Each partition's rows then go
 * through the one validation of every data set ({@link DatasetColumns#dataset}), whose messages
 * name the column, the value and the fix, and here the partition, the row and all its values; the
 * rows are split into training and validation rows by {@link HashSplit}, row by row.
 */
final class SparkTable {
  /** Values of a row shown in a message, at most. */
  private static final int SHOWN = 30;

  private SparkTable() {}

  /** One partition's validated rows, split; its warnings (rows skipped or divided by their sum). */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final RowBlock train;
    final RowBlock held;
    final List<String> warnings;

    Part(int partition, RowBlock train, RowBlock held, List<String> warnings) {
      this.partition = partition;
      this.train = train;
      this.held = held;
      this.warnings = warnings;
    }
  }

  /** What the driver learns of a partition: its sizes, the statistics of its training rows, its warnings. */
  record Info(int partition, int trainRows, int heldRows, RowStatistics statistics, List<String> warnings)
      implements Serializable {}

  /**
   * The spec resolved against {@code df}'s columns, the types checked.
   *
   * @throws org.fracnet.core.SettingsException when the spec names a column {@code df} lacks
   * @throws DataException when a column to read is not numeric (nor text holding numbers)
   */
  static DatasetColumns columns(Dataset<Row> df, String source, DatasetSpec spec) {
    DatasetColumns columns = DatasetColumns.resolve(source, Arrays.asList(df.columns()), spec);
    StructType schema = df.schema();
    List<Integer> read = new ArrayList<>(columns.featureColumns());
    read.addAll(columns.targetColumns());
    if (columns.weightColumn() >= 0) {
      read.add(columns.weightColumn());
    }
    for (int c : read) {
      requireNumeric(source, schema.fields()[c], columns.featureColumns().contains(c)
          ? (spec.features() == null ? "give it as DatasetSpec.idColumn or list the features in DatasetSpec.features"
              : "leave it out of DatasetSpec.features")
          : "cast it to a number, e.g. df.withColumn(name, col(name).cast(\"double\"))");
    }
    return columns;
  }

  /**
   * Fails unless {@code field} holds numbers or text (parsed as numbers, as from a CSV file read
   * without a schema).
   */
  static void requireNumeric(String source, StructField field, String fix) {
    DataType type = field.dataType();
    if (!(type instanceof NumericType) && !(type instanceof StringType)) {
      throw new DataException(source + ", column " + field.name() + ": its type is " + type.simpleString()
          + ", not a number; features, targets and weights must be numbers (" + fix + ")");
    }
  }

  /** {@code df}'s columns that {@code columns} reads, in its order: features, targets, weight. */
  static Dataset<Row> select(Dataset<Row> df, DatasetColumns columns) {
    List<Column> cols = new ArrayList<>();
    List<String> header = columns.header();
    for (int c : columns.featureColumns()) {
      cols.add(functions.col(quoted(header.get(c))));
    }
    for (int c : columns.targetColumns()) {
      cols.add(functions.col(quoted(header.get(c))));
    }
    if (columns.weightColumn() >= 0) {
      cols.add(functions.col(quoted(header.get(columns.weightColumn()))));
    }
    return df.select(cols.toArray(Column[]::new));
  }

  /** A column name as {@code functions.col} takes it literally (dots and spaces included). */
  static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * The validated rows of every partition of {@code df} (cached, not yet computed), split with
   * {@code split}.
   */
  static JavaRDD<Part> parts(Dataset<Row> df, String source, DatasetSpec spec, DatasetColumns columns, HashSplit split) {
    JavaRDD<Row> rows = select(df, columns).toJavaRDD();
    int parallelism = rows.context().defaultParallelism();
    if (rows.getNumPartitions() < parallelism) {
      rows = rows.repartition(parallelism); // a small file is one partition: give every core a share
    }
    TargetKind kind = spec.targetKind(); // DatasetSpec is not serializable, its enums are
    InvalidRows policy = spec.onInvalid();
    return rows.mapPartitionsWithIndex((index, it) -> List.of(part(index, it, source, kind, policy, columns, split))
        .iterator(), true).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The statistics and sizes of every partition, in partition order. */
  static List<Info> infos(JavaRDD<Part> parts, boolean counts) {
    return parts.map(p -> new Info(p.partition, p.train.rows, p.held.rows, p.train.statistics(counts), p.warnings))
        .collect();
  }

  private static Part part(int index, Iterator<Row> it, String source, TargetKind kind, InvalidRows policy,
      DatasetColumns columns, HashSplit split) {
    int d = columns.featureColumns().size();
    int k = columns.targetColumns().size();
    boolean weighted = columns.weightColumn() >= 0;
    int width = d + k + (weighted ? 1 : 0);
    List<String> names = new ArrayList<>(columns.featureNames());
    names.addAll(columns.classNames());
    if (weighted) {
      names.add(columns.weightName());
    }
    Values x = new Values();
    Values p = new Values();
    Values w = new Values();
    BitSet missing = new BitSet();
    int n = 0;
    while (it.hasNext()) {
      Row row = it.next();
      for (int j = 0; j < width; j++) {
        Object v = row.get(j);
        double value;
        if (v == null) {
          missing.set(n * width + j);
          value = Double.NaN;
        } else {
          value = number(v, source, index, n, names.get(j));
        }
        (j < d ? x : j < d + k ? p : w).add(value);
      }
      n++;
    }
    List<String> warnings = new ArrayList<>();
    RowBlock none = new RowBlock(0, d, k, new double[0], new double[0], new double[0], 0);
    if (n == 0) {
      return new Part(index, none, none, warnings);
    }
    double[] xs = x.toArray();
    double[] ps = p.toArray();
    double[] ws = weighted ? w.toArray() : null;
    int rows = n;
    IntFunction<String> where = i -> source + ", partition " + index + " row " + (i + 1) + " of " + rows + " "
        + shown(names, d, k, i, xs, ps, ws, missing);
    org.fracnet.core.data.Dataset valid = columns.dataset(kind, policy, n, xs, ps, ws, null,
        where, warnings::add);
    return split(index, valid, split, warnings);
  }

  private static Part split(int index, org.fracnet.core.data.Dataset valid, HashSplit split, List<String> warnings) {
    int d = valid.featureCount();
    int k = valid.classCount();
    int n = valid.rows();
    double[] x = valid.features();
    double[] p = valid.targets();
    double[] w = valid.weights();
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (split.heldOut(x, i * d, d, p, i * k, k, w[i]) ? held : train).add(i);
    }
    return new Part(index, block(valid, train), block(valid, held), warnings);
  }

  private static RowBlock block(org.fracnet.core.data.Dataset data, List<Integer> rows) {
    org.fracnet.core.data.Dataset s = data.select(rows.stream().mapToInt(Integer::intValue).toArray());
    return new RowBlock(s.rows(), s.featureCount(), s.classCount(), s.features(), s.targets(), s.weights(), 0);
  }

  /** A value of a numeric or text column as a double; text is parsed as a CSV file's numbers are. */
  static double number(Object v, String source, int partition, int row, String column) {
    if (v instanceof Number number) {
      return number.doubleValue();
    }
    String text = v.toString().strip();
    if (org.fracnet.core.internal.MissingValues.isMarker(text)) {
      throw new DataException(source + ", partition " + partition + " row " + (row + 1) + ", column " + column
          + ": '" + text + "'" + org.fracnet.core.internal.MissingValues.message(text)
          + ", or drop such rows from the DataFrame");
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DataException(source + ", partition " + partition + " row " + (row + 1) + ", column " + column
          + ": '" + text + "' is not a number; expected a decimal such as 0.25 or 1.5e-3 (if this column is not a"
          + " feature, leave it out of DatasetSpec.features)");
    }
  }

  /** A row's values for a message: {@code {age=34.0, income=NaN, car=null, ...}}. */
  private static String shown(List<String> names, int d, int k, int i, double[] x, double[] p, double[] w,
      BitSet missing) {
    int width = names.size();
    StringBuilder s = new StringBuilder("{");
    for (int j = 0; j < Math.min(width, SHOWN); j++) {
      s.append(j > 0 ? ", " : "").append(names.get(j)).append('=');
      if (missing.get(i * width + j)) {
        s.append("null");
      } else {
        s.append(j < d ? x[i * d + j] : j < d + k ? p[i * k + j - d] : w[i]);
      }
    }
    if (width > SHOWN) {
      s.append(", ... ").append(width - SHOWN).append(" more");
    }
    return s.append('}').toString();
  }

  /** A growable array of doubles. */
  private static final class Values {
    private double[] a = new double[1024];
    private int size;

    void add(double v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
