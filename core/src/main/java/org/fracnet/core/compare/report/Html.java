package org.fracnet.core.compare.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.function.Function;

/** Escaping and number formats for the page. Every string from the results passes through {@link #text}. */
final class Html {
  private Html() {}

  /** {@code s} as HTML text or attribute value (quoted with {@code "}): no markup can get through. */
  static String text(String s) {
    return escape(s, c -> switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\'' -> "&#39;";
      default -> null;
    });
  }

  /**
   * JSON text made safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only
   * occur inside JSON strings, where their JSON escapes mean the same, so no {@code </script>} or
   * {@code <!--} can end or confuse the element; likewise the two line separators.
   */
  static String scriptJson(String json) {
    return escape(json, c -> c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
        ? String.format(Locale.ROOT, "\\u%04x", (int) c) : null);
  }

  /** {@code s} with each character for which {@code escape} gives a string replaced by it. */
  private static String escape(String s, Function<Character, String> escape) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String e = escape.apply(c);
      if (e == null) {
        out.append(c);
      } else {
        out.append(e);
      }
    }
    return out.toString();
  }

  /** A value with {@code digits} significant digits, plain or with an exponent when very small or large; "–" for none. */
  static String number(Double v, int digits) {
    if (v == null) {
      return "–";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e-4 && a < 1e6) {
      return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
    String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v); // 1.80e-15
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
    return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
  }

  /** A fraction as a percentage with one decimal, e.g. 0.0049 as "0.5 %"; "–" for none. */
  static String percent(Double fraction) {
    return fraction == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
  }

  /** A relative change as a signed percentage, e.g. -0.137 as "-13.7 %"; "–" for none. */
  static String signedPercent(Double fraction) {
    return fraction == null ? "–" : String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
  }
}
