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
    return escape(s, Html::entity);
  }

  /** The entity that stands for {@code c} in HTML text, or null when {@code c} stands for itself. */
  private static String entity(char c) {
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\'' -> "&#39;";
      default -> null;
    };
  }

  /**
   * {@code s} as {@link #text}, with a line-break opportunity ({@code <wbr>}) after each opening
   * brace, comma, equals sign and hyphen: a candidate id such as
   * {@code cross-entropy{class-weights=inverse-sqrt-mean,debias=true}} wraps in a narrow table
   * header between its parts instead of within a word.
   */
  static String breakable(String s) {
    return escape(s, c -> switch (c) {
      case '{', ',', '=', '-' -> c + "<wbr>";
      default -> entity(c);
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

  /**
   * The decimal places that give the smallest non-zero magnitude among {@code values} {@code digits}
   * significant digits (nulls and non-finite values ignored), between 0 and 12: one format for a
   * row of numbers that should line up.
   */
  static int decimals(java.util.List<Double> values, int digits) {
    double smallest = Double.POSITIVE_INFINITY;
    for (Double v : values) {
      if (v != null && Double.isFinite(v) && v != 0) {
        smallest = Math.min(smallest, Math.abs(v));
      }
    }
    if (smallest == Double.POSITIVE_INFINITY) {
      return digits;
    }
    return (int) Math.max(0, Math.min(12, digits - 1 - Math.floor(Math.log10(smallest))));
  }

  /** {@code v} with {@code decimals} decimal places; "–" for none. */
  static String fixed(Double v, int decimals) {
    return v == null ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", v);
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
