package org.fracnet.core.internal;

/** Numbers as a person writes them in a setting or a name. */
public final class PlainNumbers {
  private PlainNumbers() {}

  /**
   * {@code value} in its shortest plain decimal form: {@code 0.0001}, not {@code 1.0E-4}; {@code 0}
   * and {@code 0.3}, not {@code 0.0} and {@code 0.30}.
   */
  public static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
