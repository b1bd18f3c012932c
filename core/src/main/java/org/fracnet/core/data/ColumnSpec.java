package org.fracnet.core.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fracnet.core.SettingsException;

/**
 * Column specs as {@link DatasetSpec} takes them: a comma list of exact names, globs ({@code y*},
 * {@code y?}) and inclusive ranges of header positions ({@code y1:y6}), resolved against a header.
 * The features' spec may also leave columns out: an item {@code !name} (or {@code !glob},
 * {@code !from:to}) removes them from the columns its other items select, wherever it stands
 * ({@code !x2,x*} is {@code x*} without {@code x2}), or, when it has no others, from every column
 * left over.
 */
final class ColumnSpec {
  private ColumnSpec() {}

  /**
   * Resolves {@code spec} to header positions, in header order per item, each once.
   *
   * @param source the file, for messages
   * @param option how the spec is called in messages: {@code DatasetSpec.targets}
   * @throws SettingsException when an item matches no column
   */
  static List<Integer> select(String source, List<String> header, String spec, String option) {
    return select(source, header, items(spec, option), option);
  }

  /** As {@link #select(String, List, String, String)}, for items already split. */
  static List<Integer> select(String source, List<String> header, List<String> items, String option) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String raw : items) {
      String item = raw.strip(); // as header names are stripped (trim would also drop control characters)
      if (item.isEmpty()) {
        continue;
      }
      boolean matched = true; // an item naming columns already selected (y*,y1) matched too
      int colon = item.indexOf(':');
      if (header.contains(item)) {
        out.add(header.indexOf(item)); // an exact name wins over range and glob syntax
      } else if (colon > 0) {
        int from = column(source, header, item.substring(0, colon), option);
        int to = column(source, header, item.substring(colon + 1), option);
        for (int c = Math.min(from, to); c <= Math.max(from, to); c++) {
          out.add(c);
        }
      } else if (item.contains("*") || item.contains("?")) {
        Pattern glob = glob(item);
        matched = false;
        for (int c = 0; c < header.size(); c++) {
          if (glob.matcher(header.get(c)).matches()) {
            out.add(c);
            matched = true;
          }
        }
      } else {
        out.add(column(source, header, item, option));
      }
      if (!matched) {
        throw new SettingsException(source + ": " + option + " '" + CsvTable.shown(item)
            + "' matches no column; the columns are " + CsvTable.shown(header) + ignoringCase(glob(item), header));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * When {@code pattern} (a glob's, or a quoted name's) matches columns only if case is ignored: a
   * sentence naming them (names are case-sensitive); else empty.
   */
  private static String ignoringCase(Pattern pattern, List<String> header) {
    Pattern folded = Pattern.compile(pattern.pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    List<String> matches = header.stream().filter(h -> folded.matcher(h).matches()).toList();
    return matches.isEmpty() ? "" : "; names are case-sensitive, and ignoring case it would match "
        + CsvTable.shown(matches);
  }

  /**
   * The position of the column called {@code name}.
   *
   * @throws SettingsException listing the columns, when there is none
   */
  static int column(String source, List<String> header, String name, String option) {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new SettingsException(source + ": " + option + " column '" + CsvTable.shown(name)
          + "' is not in the header; the columns are " + CsvTable.shown(header)
          + ignoringCase(Pattern.compile(Pattern.quote(name)), header));
    }
    return c;
  }

  /**
   * A features' spec split into the items that select columns and the names after {@code !} that
   * leave columns out.
   */
  record Split(List<String> kept, List<String> left) {}

  /**
   * Splits the features' spec {@code spec} ({@code null} for none: nothing kept or left out); an
   * item {@code !x} is a column left out unless the header has a column named {@code !x}.
   */
  static Split split(List<String> header, String spec, String option) {
    List<String> kept = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (String item : spec == null ? List.<String>of() : items(spec, option)) {
      String name = item.strip();
      if (name.startsWith("!") && !header.contains(name)) { // a column literally named !x is a column
        left.add(name.substring(1));
      } else if (!name.isEmpty()) {
        kept.add(item);
      }
    }
    return new Split(kept, left);
  }

  /**
   * The comma-separated items of a column spec, read as one CSV record, so that a name containing
   * a comma can be given in double quotes as in the file's header: {@code "a,b",y*}.
   */
  static List<String> items(String spec, String option) {
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(spec))) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new SettingsException(option + " '" + spec + "' is not a comma-separated list of columns"
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
}
