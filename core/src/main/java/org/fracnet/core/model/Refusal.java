package org.fracnet.core.model;

import java.io.IOException;

/**
 * Why a model or checkpoint file is refused, in plain words and without the file's name, which
 * {@link ZipEntries#read} adds. An {@link IOException}, so that a stream reading the file can
 * throw it from {@code read}; every other {@code IOException} is a failure to read the disk.
 */
final class Refusal extends IOException {
  private static final long serialVersionUID = 1L;
  /** Longest text taken from a file into a message, in characters. */
  private static final int QUOTED = 40;
  private final boolean foreign;

  private Refusal(String reason, boolean foreign, Throwable cause) {
    super(reason, cause);
    this.foreign = foreign;
  }

  /** The file is damaged or altered: it is of the kind, but something in it is wrong. */
  static Refusal damaged(String reason) {
    return new Refusal(reason, false, null);
  }

  /** As {@link #damaged(String)}, keeping the low-level {@code cause} for the debug trace. */
  static Refusal damaged(String reason, Throwable cause) {
    return new Refusal(reason, false, cause);
  }

  /** The file is not of the kind at all (not a zip, no {@code model.json}, another format). */
  static Refusal foreign(String reason) {
    return new Refusal(reason, true, null);
  }

  /** Whether the file is not of the kind at all, rather than damaged. */
  boolean isForeign() {
    return foreign;
  }

  /** {@code text} on one line: control, format and separator characters written as {@code \}{@code uXXXX}. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> escape(out, (char) c));
    return out.toString();
  }

  private static void escape(StringBuilder out, char c) {
    int type = Character.getType(c);
    if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED) {
      out.append(String.format("\\u%04x", (int) c));
    } else {
      out.append(c);
    }
  }

  /**
   * {@code text} from a file, made safe for a one-line message: in single quotes, at most
   * {@value #QUOTED} characters (then "..."), control, format and separator characters (a line
   * break, say) written as {@code \}{@code uXXXX}.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int shown = 0;
    for (int i = 0; i < text.length(); i++, shown++) {
      if (shown == QUOTED) {
        out.append("...");
        break;
      }
      escape(out, text.charAt(i));
    }
    return out.append('\'').toString();
  }
}
