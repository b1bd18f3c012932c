package org.fracnet.core.internal;

import java.util.Locale;
import java.util.Set;

/** The texts that spreadsheets, R, pandas and SQL exports write for a missing value. */
public final class MissingValues {
  /** In lower case; a sign in front ({@code -NaN}) counts too. */
  private static final Set<String> MARKERS = Set.of("na", "n/a", "#n/a", "null", "none", "nan", "missing", "?", "-",
      "--", ".");

  /** What a message about a missing value says to do, after the cell is named and the problem said. */
  public static final String FIX = "fracnet needs a number in every cell it reads: fill in the missing value";

  private MissingValues() {}

  /**
   * Whether {@code text} (stripped, any case, with or without a sign) marks a missing value:
   * {@code NA}, {@code N/A}, {@code NaN}, {@code ?}, ...
   */
  public static boolean isMarker(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.length() > 1 && (t.charAt(0) == '+' || t.charAt(0) == '-') && !t.equals("--")) {
      t = t.substring(1);
    }
    return MARKERS.contains(t);
  }

  /**
   * What a message says after naming the cell: that it marks a missing value and the fix, with
   * the spreadsheet's zero for {@code -}.
   */
  public static String message(String text) {
    return " marks a missing value; " + FIX
        + (text.strip().equals("-") ? " (a spreadsheet's accounting format shows 0 as -: if it means 0, write 0)"
            : "");
  }
}
