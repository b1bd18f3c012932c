package org.fracnet.core.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setIgnoreEmptyLines(false)
      .setIgnoreSurroundingSpaces(true)
      .get();

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
    Table table = Table.open(file);
    try {
      return read(table, file, spec, warnings);
    } finally {
      table.close();
    }
  }

  private static Dataset read(Table table, Path file, DatasetSpec spec, java.util.function.Consumer<String> warnings) {
    List<String> header = table.header;
    List<Integer> targetCols = select(table, spec.targets(), "--targets");
    if (targetCols.size() < 2) {
      throw new FracnetException(table.name + ": --targets '" + spec.targets() + "' selects "
          + targetCols.size() + " column; fractions need at least 2 target columns");
    }
    int weightCol = spec.weightColumn() == null ? -1 : column(table, spec.weightColumn(), "--weight");
    int idCol = spec.idColumn() == null ? -1 : column(table, spec.idColumn(), "--id");
    List<Integer> featureCols;
    if (spec.features() != null) {
      featureCols = select(table, spec.features(), "--features");
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
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1, got " + chunkRows);
    }
    Table table = Table.open(file);
    try {
      int[] cols = new int[featureNames.size()];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = column(table, featureNames.get(i), "the model's feature");
      }
      int idCol = idColumn == null ? -1 : column(table, idColumn, "the model's id column");
      GrowableDoubles x = new GrowableDoubles();
      List<String> ids = idCol >= 0 ? new ArrayList<>() : null;
      int rows = 0;
      long total = 0;
      for (Iterator<CSVRecord> it = table.records(); it.hasNext(); ) {
        CSVRecord rec = it.next();
        long line = table.checkWidth(rec);
        for (int c : cols) {
          x.add(table.number(rec, c, line, ""));
        }
        if (ids != null) {
          ids.add(rec.get(idCol));
        }
        rows++;
        if (rows == chunkRows) {
          consumer.accept(chunk(file, rows, x, ids));
          total += rows;
          rows = 0;
        }
      }
      if (rows > 0 || total == 0) {
        if (total + rows == 0) {
          throw new FracnetException(table.name + " has a header but no data rows; add at least one row");
        }
        consumer.accept(chunk(file, rows, x, ids));
      }
    } finally {
      table.close();
    }
  }

  /** The rows collected so far as a table; empties the collectors. */
  private static FeatureTable chunk(Path file, int rows, GrowableDoubles x, List<String> ids) {
    FeatureTable t = new FeatureTable(file.toString(), rows, x.toArray(),
        ids == null ? null : ids.toArray(String[]::new));
    x.clear();
    if (ids != null) {
      ids.clear();
    }
    return t;
  }

  /** Resolves a column spec (names, globs, ranges) to header positions, in header order per item. */
  static List<Integer> select(Table table, String spec, String option) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String raw : specItems(spec, option)) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      int before = out.size();
      int colon = item.indexOf(':');
      if (table.header.contains(item)) {
        out.add(table.header.indexOf(item)); // an exact name wins over range and glob syntax
      } else if (colon > 0) {
        int from = column(table, item.substring(0, colon), option);
        int to = column(table, item.substring(colon + 1), option);
        for (int c = Math.min(from, to); c <= Math.max(from, to); c++) {
          out.add(c);
        }
      } else if (item.contains("*") || item.contains("?")) {
        Pattern glob = glob(item);
        for (int c = 0; c < table.header.size(); c++) {
          if (glob.matcher(table.header.get(c)).matches()) {
            out.add(c);
          }
        }
      } else {
        out.add(column(table, item, option));
      }
      if (out.size() == before) {
        throw new FracnetException(table.name + ": " + option + " '" + item
            + "' matches no column; the columns are " + String.join(",", table.header));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The comma-separated items of a column spec, read as one CSV record, so that a name containing
   * a comma can be given in double quotes as in the file's header: {@code "a,b",y*}.
   */
  static List<String> specItems(String spec, String option) {
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new java.io.StringReader(spec))) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new FracnetException(option + " '" + spec + "' is not a comma-separated list of columns"
          + " (a double quote is not closed, or text follows a closing one); quote a name that"
          + " contains a comma in double quotes, e.g. '\"a,b\",c'");
    }
  }

  /** A glob ({@code *} any characters, {@code ?} one) as a regular expression; all else literal. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      if (ch == '*' || ch == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(ch == '*' ? ".*" : ".");
      } else {
        literal.append(ch);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString());
  }

  private static int column(Table table, String name, String option) {
    int c = table.header.indexOf(name);
    if (c < 0) {
      throw new FracnetException(table.name + ": " + option + " column '" + name
          + "' is not in the header; the columns are " + String.join(",", table.header));
    }
    return c;
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

  /** An open CSV file with its header. */
  static final class Table {
    final String name;
    final List<String> header;
    private final CSVParser parser;
    private final Iterator<CSVRecord> iterator;

    private Table(String name, List<String> header, CSVParser parser, Iterator<CSVRecord> iterator) {
      this.name = name;
      this.header = header;
      this.parser = parser;
      this.iterator = iterator;
    }

    static Table open(Path file) {
      String name = file.toString();
      Reader reader;
      try {
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new FracnetException(name + " does not exist; check the path");
      } catch (IOException e) {
        throw new FracnetException(name + " cannot be read: " + e.getMessage());
      }
      CSVParser parser = null;
      try {
        parser = CSVParser.parse(reader, FORMAT);
        Iterator<CSVRecord> it = parser.iterator();
        if (!it.hasNext()) {
          parser.close();
          throw new FracnetException(name + " is empty; expected a header line naming the columns,"
              + " then one line per row");
        }
        List<String> header = new ArrayList<>();
        for (String h : it.next()) {
          String col = h.strip();
          if (header.isEmpty() && col.startsWith("\uFEFF")) {
            col = col.substring(1);
          }
          if (col.isEmpty()) {
            throw new FracnetException(name + " line 1, column " + (header.size() + 1)
                + ": the header has an empty column name; name every column");
          }
          if (header.contains(col)) {
            throw new FracnetException(name + " line 1: column name '" + col
                + "' appears twice; column names must be unique");
          }
          header.add(col);
        }
        return new Table(name, List.copyOf(header), parser, it);
      } catch (IOException | RuntimeException e) {
        closeQuietly(parser, reader);
        if (e instanceof FracnetException fe) {
          throw fe;
        }
        throw new FracnetException(name + " is not valid CSV: " + e.getMessage(), e);
      }
    }

    private static void closeQuietly(CSVParser parser, Reader reader) {
      try {
        if (parser != null) {
          parser.close();
        } else {
          reader.close();
        }
      } catch (IOException ignored) {
        // failing already; the original error is the one to report
      }
    }

    Iterator<CSVRecord> records() {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          try {
            return iterator.hasNext();
          } catch (RuntimeException e) {
            throw new FracnetException(name + " is not valid CSV after line "
                + (parser.getCurrentLineNumber()) + ": " + e.getMessage(), e);
          }
        }

        @Override
        public CSVRecord next() {
          return iterator.next();
        }
      };
    }

    /** Checks the record has one value per header column; returns its line number. */
    long checkWidth(CSVRecord rec) {
      long line = rec.getRecordNumber(); // the header is record 1, as it is line 1
      if (rec.size() != header.size()) {
        if (rec.size() == 1 && rec.get(0).isEmpty()) {
          throw new FracnetException(name + " line " + line + " is empty; remove blank lines");
        }
        throw new FracnetException(name + " line " + line + ": " + rec.size() + " values but the header has "
            + header.size() + " columns; every row needs one value per column");
      }
      return line;
    }

    double number(CSVRecord rec, int col, long line, String hint) {
      String text = rec.get(col);
      double v;
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(line, col, text.isEmpty() ? "(empty)" : text,
            "is not a number; expected a decimal such as 0.25 or 1.5e-3" + hint);
      }
      if (!Double.isFinite(v)) {
        throw error(line, col, text, "is not finite; values must be finite numbers");
      }
      return v;
    }

    FracnetException error(long line, int col, String value, String problem) {
      return new FracnetException(name + " line " + line + ", column " + header.get(col) + ": "
          + value + " " + problem);
    }

    void close() {
      try {
        parser.close();
      } catch (IOException e) {
        // read-only; nothing is lost
      }
    }
  }

  /** An append-only double list without boxing. */
  static final class GrowableDoubles {
    private double[] data = new double[1024];
    private int size;

    void add(double v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
