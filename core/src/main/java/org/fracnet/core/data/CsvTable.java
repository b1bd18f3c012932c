package org.fracnet.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fracnet.core.DataException;
import org.fracnet.core.internal.MissingValues;

/**
 * An open CSV file: its header (unique, non-empty names) and its records, each with the line it
 * starts on (the header is line 1; a quoted value spanning lines moves the lines of the rows after
 * it, as an editor shows them). Knows nothing of targets or features.
 *
 * <p>The file is read as UTF-8 text by {@link TextInput} (gzip by its magic bytes, a byte order
 * mark dropped, binary and other encodings refused). The separator is found in the header line: a
 * comma when the line has one outside quotes; else a semicolon, or a tab, whichever it has more
 * of. In a file separated by {@code ;} or tabs, a number may be written with a decimal comma or a
 * decimal point, but one file uses one mark (the first number written with either decides).
 * Errors name the file and the line, and the column where there is one; no error shows a
 * parser's own message.
 */
final class CsvTable implements AutoCloseable {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setIgnoreEmptyLines(false)
      .setIgnoreSurroundingSpaces(true)
      .get();
  /** How much of the start is searched for the header line's end, to find the separator. */
  private static final int HEADER_PEEK = 1 << 16;
  /**
   * The name given to a first column whose header cell is empty, as pandas' {@code DataFrame.to_csv}
   * writes its index; such a column is not a feature unless named in the features' spec.
   */
  static final String UNNAMED_INDEX = "(unnamed column 1)";
  /** The longest value a message shows in full. */
  private static final int SHOWN = 60;
  private static final Pattern LINE_IN_PARSER_MESSAGE = Pattern.compile("(?:startline|line:)\\s*([0-9][0-9,.' \u00a0\u202f]*)");

  /** The file's name, for messages. */
  final String name;
  /** The column names, in file order. */
  final List<String> header;
  /** The separator found in the header line. */
  final char separator;
  private final long fileBytes;
  private final TextInput text;
  private final CSVParser parser;
  private final Iterator<CSVRecord> iterator;
  private CSVRecord record;
  private long line = 1;
  /** Whether the file starts with Excel's separator line ({@code sep=;}), read and left out. */
  private final boolean separatorLine;
  /**
   * A defect of one row rather than of a column or the file: an empty cell, a blank line, a row
   * of the wrong width. Skipping such rows is a fix the training reader offers.
   */
  static final class RowDefect extends DataException {
    private static final long serialVersionUID = 1L;
    /** Whether the message gives its own advice, where skipping such rows would do harm. */
    final boolean advisesItself;

    RowDefect(String message) {
      this(message, false);
    }

    RowDefect(String message, boolean advisesItself) {
      super(message);
      this.advisesItself = advisesItself;
    }
  }

  /** A record read ahead past a blank line, with its line: {@link #next} returns it next. */
  private CSVRecord pending;
  private long pendingLine;
  /** In a {@code ;} or tab file, the decimal mark of the numbers so far, or 0 before the first. */
  private char decimalMark;
  /** Where {@link #decimalMark} was first seen, for messages. */
  private String markSeen;

  private CsvTable(String name, List<String> header, char separator, long fileBytes, TextInput text,
      CSVParser parser, Iterator<CSVRecord> iterator, boolean separatorLine) {
    this.name = name;
    this.separatorLine = separatorLine;
    this.header = header;
    this.separator = separator;
    this.fileBytes = fileBytes;
    this.text = text;
    this.parser = parser;
    this.iterator = iterator;
    this.decimalMark = separator == ',' ? '.' : 0;
  }

  /** Opens {@code file} and reads its header. */
  static CsvTable open(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new DataException(name + " is a folder, not a file; give the path of the CSV file");
    }
    InputStream in;
    long size;
    try {
      in = Files.newInputStream(file);
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new DataException(name + " does not exist; check the path");
    } catch (AccessDeniedException e) {
      throw new DataException(name + " cannot be read (permission denied); check the file's permissions");
    } catch (IOException e) {
      throw TextInput.unreadable(name, e);
    }
    return open(name, in, size);
  }

  /**
   * Reads the header from {@code in}, which this table closes; {@code name} is for messages,
   * {@code fileBytes} the stream's size for memory estimates, or -1 when not known.
   */
  static CsvTable open(String name, InputStream in, long fileBytes) {
    TextInput text = TextInput.open(name, in);
    CSVParser parser = null;
    try {
      BufferedReader reader = new BufferedReader(text, HEADER_PEEK);
      Character declared = separatorLine(reader);
      boolean separatorLine = declared != null;
      char separator = separatorLine ? declared : separator(reader);
      CSVFormat format = separator == ',' ? FORMAT : FORMAT.builder().setDelimiter(separator).get();
      parser = CSVParser.parse(reader, format);
      Iterator<CSVRecord> it = parser.iterator();
      CsvTable table = new CsvTable(name, List.of(), separator, fileBytes, text, parser, it, separatorLine);
      String headerLine = name + " line " + (separatorLine ? 2 : 1);
      if (!table.next()) {
        throw new DataException(name + " is empty; expected a header line naming the columns,"
            + " then one line per row");
      }
      List<String> header = new ArrayList<>();
      for (String h : table.record) {
        String col = h.strip();
        if (col.isEmpty() && header.isEmpty() && table.record.size() > 1) {
          col = UNNAMED_INDEX; // pandas' DataFrame.to_csv writes its index so: left out of the features
        }
        if (col.isEmpty()) {
          boolean lastOfMany = header.size() == table.record.size() - 1 && !header.isEmpty();
          throw new DataException(headerLine + ", column " + (header.size() + 1)
              + ": the header has an empty column name; name every column"
              + (lastOfMany ? " (" + (separator == ',' ? "a comma" : separator == ';' ? "a semicolon" : "a separator")
                  + " at the end of the header line?)" : ""));
        }
        int seen = header.indexOf(col);
        if (seen >= 0) {
          throw new DataException(headerLine + ": columns " + (seen + 1) + " and " + (header.size() + 1)
              + " are both named '" + shown(col) + "'; column names must be unique (rename one)");
        }
        header.add(col);
      }
      return new CsvTable(name, List.copyOf(header), separator, fileBytes, text, parser, it, separatorLine);
    } catch (IOException | RuntimeException e) {
      try {
        if (parser != null) {
          parser.close();
        }
        text.close();
      } catch (IOException ignored) {
        // failing already; the original error is the one to report
      }
      throw e instanceof DataException de ? de : new DataException(name + " cannot be read as CSV; check the"
          + " file", e);
    }
  }

  /**
   * The separator that Excel's first line {@code sep=;} (or {@code sep=,}, {@code sep=\t}) names,
   * with that line read; null, with nothing read, when the file does not start so.
   */
  private static Character separatorLine(BufferedReader reader) throws IOException {
    reader.mark(8);
    char[] start = new char[6];
    int n = reader.read(start, 0, 6);
    String first = n < 0 ? "" : new String(start, 0, n);
    if (n >= 5 && first.regionMatches(true, 0, "sep=", 0, 4) && (n == 5 || first.charAt(5) == '\n'
        || first.charAt(5) == '\r') && ",;\t|".indexOf(first.charAt(4)) >= 0) {
      reader.reset();
      reader.skip(5);
      reader.mark(2);
      int end = reader.read();
      if (end == '\r') {
        reader.mark(1);
        if (reader.read() != '\n') {
          reader.reset();
        }
      } else if (end != '\n') {
        reader.reset();
      }
      return first.charAt(4);
    }
    reader.reset();
    return null;
  }

  /**
   * The separator of the header line: a comma when it has one outside double quotes, else a
   * semicolon or a tab, whichever it has more of; a comma for a one-column file.
   */
  private static char separator(BufferedReader reader) throws IOException {
    reader.mark(HEADER_PEEK);
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = 0; i < HEADER_PEEK; i++) {
      int c = reader.read();
      if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
        break;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        commas += c == ',' ? 1 : 0;
        semicolons += c == ';' ? 1 : 0;
        tabs += c == '\t' ? 1 : 0;
      }
    }
    reader.reset();
    if (commas > 0 || semicolons + tabs == 0) {
      return ',';
    }
    return semicolons >= tabs ? ';' : '\t';
  }

  /** How the file was read, when it was not as comma-separated values, for a warning; or null. */
  String formatNote() {
    if (separator == ',' && !separatorLine) {
      return null;
    }
    return name + ": read as " + (separator == '\t' ? "tab-separated" : "'" + separator + "'-separated")
        + " values" + (decimalMark == ',' ? " with decimal commas" : decimalMark == '.' ? " with decimal points" : "")
        + (separatorLine ? " (its first line, sep=" + (separator == '\t' ? "\\t" : separator) + ", says so)"
            : " (the header line has no comma)");
  }

  /**
   * Moves to the next record. Blank lines at the end of the file end it; a blank line before a
   * record is a record of its own, which {@link #checkWidth} refuses.
   *
   * @return false after the last one
   * @throws DataException when the text is not valid CSV from here (an unclosed quote, text after
   *     a closing quote), or not text
   */
  boolean next() {
    if (pending != null) {
      record = pending;
      line = pendingLine;
      pending = null;
      return true;
    }
    if (!read()) {
      return false;
    }
    if (!isBlank(record)) {
      return true;
    }
    // a blank line: the end of the file when only blank lines follow, else a row checkWidth refuses
    CSVRecord blank = record;
    long blankLine = line;
    while (read()) {
      if (!isBlank(record)) {
        pending = record;
        pendingLine = line;
        record = blank;
        line = blankLine;
        return true;
      }
    }
    return false;
  }

  /** Reads the next record into {@code record} and {@code line}; false at the end. */
  private boolean read() {
    long start = parser.getCurrentLineNumber() + 1 + (separatorLine ? 1 : 0);
    try {
      if (!iterator.hasNext()) {
        return false;
      }
      record = iterator.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw malformed(e, start);
    }
    line = start;
    return true;
  }

  private static boolean isBlank(CSVRecord r) {
    return r.size() == 1 && r.get(0).isEmpty();
  }

  /** The error for a record the parser cannot read, in plain words. */
  private DataException malformed(RuntimeException e, long start) {
    String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    Matcher m = LINE_IN_PARSER_MESSAGE.matcher(message);
    long at = start;
    if (m.find()) {
      try {
        at = Long.parseLong(m.group(1).replaceAll("[^0-9]", "")) + (separatorLine ? 1 : 0);
      } catch (NumberFormatException ignored) {
        // keep the record's first line
      }
    }
    if (message.contains("EOF reached before encapsulated token finished")) {
      return new DataException(name + " line " + at + ": a double quote opens a quoted value that is never closed;"
          + " close the value with a double quote (a double quote inside a quoted value is written twice: \"\")");
    }
    if (message.contains("Invalid character between encapsulated token and delimiter")) {
      return new DataException(name + " line " + at + ": text follows the closing double quote of a quoted value;"
          + " end the value at its closing quote, or write a double quote inside a quoted value twice: \"\"");
    }
    return new DataException(name + " line " + at + ": this line cannot be read as CSV; check its double quotes"
        + " and separators");
  }

  /** The line the current record starts on. */
  long line() {
    return line;
  }

  /** The number of values in the current record. */
  int width() {
    return record.size();
  }

  /** The text of column {@code col} of the current record, surrounding spaces removed. */
  String get(int col) {
    return record.get(col);
  }

  /** Checks the current record has one value per header column; returns its line number. */
  long checkWidth() {
    if (record.size() != header.size()) {
      if (isBlank(record)) {
        throw new RowDefect(name + " line " + line + " is empty; remove blank lines");
      }
      boolean trailingComma = record.size() == header.size() + 1 && record.get(header.size()).isEmpty();
      throw new RowDefect(name + " line " + line + ": " + record.size() + " values but the header has "
          + header.size() + " columns; every row needs one value per column" + (trailingComma
              ? " (its last value is empty: a comma at the end of the line? Remove it from every such line; skipping"
              + " the rows would drop each one that has it)" : ""), trailingComma);
    }
    return line;
  }

  /**
   * The number in column {@code col} of the current record, which may be infinite when written so
   * ({@code Infinity}).
   *
   * @param fix what the message says after "is not a number; " when the text is not a number
   * @throws RowDefect when the cell is empty or holds a marker of a missing value ({@code NA},
   *     {@code NaN}, ...: {@link MissingValues})
   * @throws DataException when the text is not a number, overflows a double, or uses the other
   *     decimal mark than the file's numbers before it
   */
  double number(int col, String fix) {
    String value = record.get(col);
    if (value.isEmpty()) {
      throw new RowDefect(name + " line " + line + ", column " + shown(header.get(col)) + " is empty; "
          + MissingValues.FIX);
    }
    if (MissingValues.isMarker(value)) {
      throw new RowDefect(where(col) + shown(value) + MissingValues.message(value));
    }
    double v;
    try {
      v = Double.parseDouble(separator == ',' ? value : withDecimalPoint(value, col));
    } catch (NumberFormatException e) {
      boolean decimalComma = separator == ',' && value.matches("[+-]?[0-9]*,[0-9]+");
      if (value.matches("[+-]?[0-9]*[.,]?[0-9]+(?:[eE][+-]?[0-9]+)?\\s*%")) {
        throw new DataException(where(col) + shown(value) + " is not a number; write it without the % sign, as "
            + value.substring(0, value.indexOf('%')).strip());
      }
      throw new DataException(where(col) + shown(value) + " is not a number; " + fix
          + (decimalComma ? " (write the decimal mark as a point: " + value.replace(',', '.') + ")" : ""));
    }
    if (Double.isInfinite(v) && !value.contains("Infinity")) {
      throw new DataException(where(col) + shown(value) + " is too large: numbers must lie within about -1.8e308"
          + " and 1.8e308; fix the value, or rescale the column");
    }
    return v;
  }

  /**
   * The number in feature column {@code col}: as {@link #number}, and {@code true} or {@code false}
   * (any case, as pandas writes a column of booleans) as 1 or 0.
   */
  double featureNumber(int col, String fix) {
    String value = record.get(col);
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return value.equalsIgnoreCase("true") ? 1 : 0;
    }
    return number(col, fix);
  }

  /**
   * The number in target column {@code col}: as {@link #number}, but an empty cell or a marker of
   * a missing value is named as what it most often is in a target, a class with nothing in it.
   */
  double targetNumber(int col, String fix) {
    String value = record.get(col);
    if (value.isEmpty() || MissingValues.isMarker(value)) {
      throw new RowDefect(name + " line " + line + ", column " + shown(header.get(col)) + (value.isEmpty()
          ? " is empty" : ": " + shown(value) + " marks a missing value") + "; an empty target is most often a class"
          + " with nothing in it (a pivot table leaves such cells empty): write 0 there (pandas: fillna(0))."
          + " Skipping the rows (InvalidRows.SKIP) would drop each one whole and bias the class shares of the rest",
          true);
    }
    return number(col, fix);
  }

  private String where(int col) {
    return name + " line " + line + ", column " + shown(header.get(col)) + ": ";
  }

  /** {@code value} with a decimal comma made a point, after checking the file uses one mark. */
  private String withDecimalPoint(String value, int col) {
    int comma = value.indexOf(',');
    int point = value.indexOf('.');
    if (comma >= 0 && point >= 0) {
      throw new DataException(where(col) + shown(value) + " has both a decimal point and a decimal comma;"
          + " write numbers without thousands separators");
    }
    char mark = comma >= 0 ? ',' : point >= 0 ? '.' : 0;
    if (mark != 0 && decimalMark == 0) {
      decimalMark = mark;
      markSeen = "line " + line + ", column " + shown(header.get(col)) + ": " + shown(value);
    } else if (mark != 0 && mark != decimalMark) {
      throw new DataException(where(col) + shown(value) + " has a decimal " + (mark == ',' ? "comma" : "point")
          + " but the numbers before it have decimal " + (decimalMark == ',' ? "commas" : "points") + " ("
          + markSeen + "); write every number of the file with the same decimal mark");
    }
    return comma >= 0 ? value.replace(',', '.') : value;
  }

  /**
   * The decimal places of the number in column {@code col} of the current record as written:
   * {@code 0.333333} has 6, {@code 3.5e-3} has 4, {@code 1} and {@code 5e2} have 0.
   */
  int decimals(int col) {
    String value = record.get(col).strip(); // spaces inside quotes, which the number ignores too
    int e = exponentMark(value);
    String mantissa = e < 0 ? value : value.substring(0, e);
    int mark = Math.max(mantissa.indexOf('.'), mantissa.indexOf(','));
    int places = mark < 0 ? 0 : mantissa.length() - mark - 1;
    int exponent = 0;
    if (e >= 0) {
      try {
        exponent = Integer.parseInt(value.substring(e + 1));
      } catch (NumberFormatException ignored) {
        return 0; // an exponent too large to matter, or not a number (refused elsewhere)
      }
    }
    return (int) Math.max(0, Math.min(places - (long) exponent, 400));
  }

  /**
   * The significant digits of the number in column {@code col} of the current record as written:
   * {@code 0.0888889} has 6, {@code 0.500000} 6, {@code 0.5} and {@code 0} 1, {@code 3.5e-3} 2.
   */
  int significantDigits(int col) {
    String value = record.get(col).strip();
    int e = exponentMark(value);
    String mantissa = e < 0 ? value : value.substring(0, e);
    int digits = 0;
    boolean leading = true;
    for (int i = 0; i < mantissa.length(); i++) {
      char c = mantissa.charAt(i);
      if (c >= '0' && c <= '9') {
        leading &= c == '0';
        if (!leading) {
          digits++;
        }
      }
    }
    return Math.max(1, digits);
  }

  /** Where the exponent of a number as written starts ({@code e} or {@code E}), or -1. */
  private static int exponentMark(String value) {
    return Math.max(value.indexOf('e'), value.indexOf('E'));
  }

  /**
   * The error for running out of memory after {@code rows} rows of about {@code bytesPerRow}
   * bytes each, estimating from the bytes read so far what the whole file needs.
   */
  /** The file's size in bytes, or -1 when not known. */
  long fileBytes() {
    return fileBytes;
  }

  /** Bytes of the file (compressed, for gzip) read so far, in steps of the read buffer. */
  long rawBytesRead() {
    return text.rawBytesRead();
  }

  DataException outOfMemory(long rows, long bytesPerRow, OutOfMemoryError e) {
    // a gzip file's compressed bytes say little of how far its text has come: no estimate
    return text.gzip() ? OutOfMemory.error(name + " (gzip-compressed)", -1, -1, rows, bytesPerRow, e)
        : OutOfMemory.error(name, fileBytes, text.rawBytesRead(), rows, bytesPerRow, e);
  }

  /**
   * {@code text} as a message shows it, on one line: line ends and tabs written as {@code \n},
   * {@code \r}, {@code \t}, other control and invisible characters as four-digit Unicode escapes,
   * and cut after {@value #SHOWN} characters.
   */
  static String shown(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < SHOWN; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
          || Character.getType(c) == Character.FORMAT) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }

  /** The most names a message lists in full; a longer list shows its first ones and a count. */
  static final int MAX_SHOWN_NAMES = 12;

  /** How many of the last names a shortened list shows: target columns often come last. */
  private static final int LAST_SHOWN_NAMES = 3;

  /**
   * The names, as messages show them, joined by commas: all of them up to
   * {@value #MAX_SHOWN_NAMES}, else the first ones, the last {@value #LAST_SHOWN_NAMES} (where
   * target columns often are) and how many there are (a data set of 250 columns would make a
   * message of kilobytes).
   */
  static String shown(List<String> names) {
    if (names.size() <= MAX_SHOWN_NAMES) {
      return String.join(",", names.stream().map(CsvTable::shown).toList());
    }
    List<String> first = names.subList(0, MAX_SHOWN_NAMES - 2 - LAST_SHOWN_NAMES);
    List<String> last = names.subList(names.size() - LAST_SHOWN_NAMES, names.size());
    return String.join(",", first.stream().map(CsvTable::shown).toList()) + ",...,"
        + String.join(",", last.stream().map(CsvTable::shown).toList()) + " (" + names.size() + " in all)";
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // read-only; nothing is lost
    }
  }
}
