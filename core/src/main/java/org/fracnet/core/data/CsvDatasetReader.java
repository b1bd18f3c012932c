package org.fracnet.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.fracnet.core.FracnetException;

/**
 * Reads data sets from CSV files with a header line, validating every value. Every error names
 * the file, the line (1-based, the header is line 1), the column, the offending value and the fix.
 *
 * <p>Fractions must be finite, non-negative and sum to 1 within {@value #SUM_TOLERANCE}; counts
 * must be finite, non-negative, with a positive row total; weights must be positive.
 */
public final class CsvDatasetReader {
  /** How far a row of fractions may sum from 1. */
  public static final double SUM_TOLERANCE = 1e-6;

  private static final String LENIENCY = " (fix the row, or pass --on-invalid skip to drop such rows)";

  private CsvDatasetReader() {}

  /**
   * Reads features, targets and weights as {@code spec} says.
   *
   * @throws FracnetException on any invalid input, naming file, line, column and value
   */
  public static Dataset read(Path file, DatasetSpec spec) {
    return read(file, spec, message -> { });
  }

  /**
   * Reads features, targets and weights as {@code spec} says; with {@link InvalidRows#SKIP} or
   * {@link InvalidRows#RENORMALIZE}, says how many rows were skipped or renormalised through
   * {@code warnings}.
   *
   * @throws FracnetException on any invalid input that the policy does not cover
   */
  public static Dataset read(Path file, DatasetSpec spec, java.util.function.Consumer<String> warnings) {
    try (CsvTable table = CsvTable.open(file)) {
      return read(table, file, spec, warnings);
    }
  }

  private static Dataset read(CsvTable table, Path file, DatasetSpec spec, java.util.function.Consumer<String> warnings) {
    List<String> header = table.header;
    List<Integer> targetCols = ColumnSpec.select(table.name, header, spec.targets(), "--targets");
    if (targetCols.size() < 2) {
      throw new FracnetException(table.name + ": --targets '" + spec.targets() + "' selects "
          + targetCols.size() + " column; fractions need at least 2 target columns");
    }
    int weightCol = spec.weightColumn() == null ? -1 : ColumnSpec.column(table.name, header, spec.weightColumn(), "--weight");
    int idCol = spec.idColumn() == null ? -1 : ColumnSpec.column(table.name, header, spec.idColumn(), "--id");
    List<Integer> featureCols;
    if (spec.features() != null) {
      featureCols = ColumnSpec.select(table.name, header, spec.features(), "--features");
    } else {
      featureCols = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        if (!targetCols.contains(c) && c != weightCol && c != idCol) {
          featureCols.add(c);
        }
      }
    }
    for (int c : featureCols) {
      if (targetCols.contains(c) || c == weightCol || c == idCol) {
        throw new FracnetException(table.name + ": column " + header.get(c)
            + " is selected as a feature and also as a target, weight or id; "
            + "choose the features with --features");
      }
    }
    if (featureCols.isEmpty()) {
      throw new FracnetException(table.name + ": no feature columns are left after the targets"
          + (weightCol >= 0 ? ", weight" : "") + (idCol >= 0 ? " and id" : "")
          + "; a model needs at least one feature");
    }
    int k = targetCols.size();
    int d = featureCols.size();
    boolean counts = spec.targetKind() == TargetKind.COUNTS;
    String featureHint = spec.features() == null
        ? " (if this column is not a feature, name it with --id or choose features with --features)" : "";
    GrowableDoubles x = new GrowableDoubles();
    GrowableDoubles p = new GrowableDoubles();
    GrowableDoubles w = new GrowableDoubles();
    List<String> ids = idCol >= 0 ? new ArrayList<>() : null;
    double[] rowX = new double[d];
    double[] row = new double[k];
    int skipped = 0;
    int renormalized = 0;
    String firstSkipped = null;
    for (Iterator<CSVRecord> it = table.records(); it.hasNext(); ) {
      CSVRecord rec = it.next();
      double weight;
      try {
        long line = table.checkWidth(rec);
        for (int j = 0; j < d; j++) {
          rowX[j] = table.number(rec, featureCols.get(j), line, featureHint);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
          int c = targetCols.get(j);
          double v = table.number(rec, c, line, "");
          if (!(v >= 0)) {
            throw table.error(line, c, rec.get(c), "is negative; " + (counts ? "counts" : "fractions")
                + " must be >= 0" + LENIENCY);
          }
          row[j] = v;
          total += v;
        }
        weight = 1;
        if (counts) {
          if (!(total > 0)) {
            throw new FracnetException(table.name + " line " + line + ": the counts in "
                + describe(header, targetCols) + " sum to " + total
                + "; a row of counts needs a positive total (drop the row, or pass --on-invalid skip)");
          }
          divide(row, total);
          weight = total;
        } else if (Math.abs(total - 1) > SUM_TOLERANCE) {
          if (spec.onInvalid() == InvalidRows.RENORMALIZE && total > 0) {
            divide(row, total);
            renormalized++;
          } else {
            throw new FracnetException(table.name + " line " + line + ": the fractions in "
                + describe(header, targetCols) + " sum to " + total + "; each row must sum to 1 within "
                + SUM_TOLERANCE + " (if these are counts, pass --targets-are counts;"
                + " --on-invalid renormalize divides such rows by their sum)");
          }
        }
        if (weightCol >= 0) {
          double v = table.number(rec, weightCol, line, "");
          if (!(v > 0)) {
            throw table.error(line, weightCol, rec.get(weightCol), "is not positive; weights must be > 0" + LENIENCY);
          }
          weight *= v;
        }
      } catch (FracnetException e) {
        if (spec.onInvalid() != InvalidRows.SKIP) {
          throw e;
        }
        skipped++;
        if (firstSkipped == null) {
          firstSkipped = e.getMessage();
        }
        continue;
      }
      for (int j = 0; j < d; j++) {
        x.add(rowX[j]);
      }
      for (int j = 0; j < k; j++) {
        p.add(row[j]);
      }
      w.add(weight);
      if (ids != null) {
        ids.add(rec.get(idCol));
      }
    }
    if (skipped > 0) {
      warnings.accept(table.name + ": skipped " + skipped + " invalid row" + (skipped == 1 ? "" : "s")
          + " (--on-invalid skip); the first: " + firstSkipped);
    }
    if (renormalized > 0) {
      warnings.accept(table.name + ": divided " + renormalized + " row" + (renormalized == 1 ? "" : "s")
          + " of fractions by their sum (--on-invalid renormalize)");
    }
    if (w.size() == 0) {
      throw new FracnetException(table.name + (skipped > 0 ? " has no valid rows (all " + skipped
          + " were skipped; the first: " + firstSkipped + ")" : " has a header but no data rows; add at least one row"));
    }
    List<String> featureNames = featureCols.stream().map(header::get).toList();
    List<String> classNames = targetCols.stream().map(header::get).toList();
    return new Dataset(file.toString(), x.toArray(), p.toArray(), w.toArray(), counts,
        featureNames, classNames, idCol >= 0 ? header.get(idCol) : null,
        ids == null ? null : ids.toArray(String[]::new));
  }

  /**
   * Reads the named feature columns (in that order) and, when {@code idColumn} is not null, the id
   * column, ignoring every other column; the whole file at once.
   */
  public static FeatureTable readFeatures(Path file, List<String> featureNames, String idColumn) {
    FeatureTable[] all = new FeatureTable[1];
    forEachFeatureChunk(file, featureNames, idColumn, Integer.MAX_VALUE, chunk -> all[0] = chunk);
    return all[0];
  }

  /**
   * Streams the named feature columns (in that order) and the id column, when not null, in chunks
   * of at most {@code chunkRows} rows, in file order; memory stays bounded by one chunk. For
   * prediction on files of any size.
   *
   * @throws FracnetException on invalid input (after the chunks before it were handed over), or
   *     when the file has no rows
   */
  public static void forEachFeatureChunk(Path file, List<String> featureNames, String idColumn, int chunkRows,
      java.util.function.Consumer<FeatureTable> consumer) {
    CsvFeatureReader.forEachChunk(file, featureNames, idColumn, chunkRows, consumer);
  }

  private static void divide(double[] row, double by) {
    for (int j = 0; j < row.length; j++) {
      row[j] /= by;
    }
  }

  private static String describe(List<String> header, List<Integer> cols) {
    return cols.size() <= 4
        ? String.join(",", cols.stream().map(header::get).toList())
        : header.get(cols.get(0)) + ".." + header.get(cols.get(cols.size() - 1));
  }
}
