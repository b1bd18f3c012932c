package org.fracnet.core.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fracnet.core.DataException;

/**
 * An open CSV file: its header (unique, non-empty names; a byte order mark dropped) and its
 * records with their line numbers (the header is line 1). Knows nothing of targets or features.
 */
final class CsvTable implements AutoCloseable {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setIgnoreEmptyLines(false)
      .setIgnoreSurroundingSpaces(true)
      .get();

  /** The file's name, for messages. */
  final String name;
  /** The column names, in file order. */
  final List<String> header;
  private final CSVParser parser;
  private final Iterator<CSVRecord> iterator;

  private CsvTable(String name, List<String> header, CSVParser parser, Iterator<CSVRecord> iterator) {
    this.name = name;
    this.header = header;
    this.parser = parser;
    this.iterator = iterator;
  }

  /** Opens {@code file} (UTF-8) and reads its header. */
  static CsvTable open(Path file) {
    String name = file.toString();
    Reader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataException(name + " does not exist; check the path");
    } catch (IOException e) {
      throw new DataException(name + " cannot be read: " + e.getMessage());
    }
    return open(name, reader);
  }

  /** Reads the header from {@code reader}, which this table closes; {@code name} is for messages. */
  static CsvTable open(String name, Reader reader) {
    CSVParser parser = null;
    try {
      parser = CSVParser.parse(reader, FORMAT);
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        parser.close();
        throw new DataException(name + " is empty; expected a header line naming the columns,"
            + " then one line per row");
      }
      List<String> header = new ArrayList<>();
      for (String h : it.next()) {
        String col = h.strip();
        if (header.isEmpty() && col.startsWith("\uFEFF")) {
          col = col.substring(1);
        }
        if (col.isEmpty()) {
          throw new DataException(name + " line 1, column " + (header.size() + 1)
              + ": the header has an empty column name; name every column");
        }
        if (header.contains(col)) {
          throw new DataException(name + " line 1: column name '" + col
              + "' appears twice; column names must be unique");
        }
        header.add(col);
      }
      return new CsvTable(name, List.copyOf(header), parser, it);
    } catch (IOException | RuntimeException e) {
      closeQuietly(parser, reader);
      if (e instanceof DataException fe) {
        throw fe;
      }
      throw new DataException(name + " is not valid CSV: " + e.getMessage(), e);
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

  /** The records after the header, once; a malformed record is an error naming the line. */
  Iterator<CSVRecord> records() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return iterator.hasNext();
        } catch (RuntimeException e) {
          throw new DataException(name + " is not valid CSV after line "
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
        throw new DataException(name + " line " + line + " is empty; remove blank lines");
      }
      throw new DataException(name + " line " + line + ": " + rec.size() + " values but the header has "
          + header.size() + " columns; every row needs one value per column");
    }
    return line;
  }

  /**
   * The number in column {@code col}, which may be infinite or NaN; {@code hint} follows the
   * message when the text is not a number.
   */
  double number(CSVRecord rec, int col, long line, String hint) {
    String text = rec.get(col);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DataException(name + " line " + line + ", column " + header.get(col) + ": "
          + (text.isEmpty() ? "(empty)" : text) + " is not a number; expected a decimal such as 0.25 or 1.5e-3"
          + hint);
    }
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
