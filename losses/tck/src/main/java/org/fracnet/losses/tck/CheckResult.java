package org.fracnet.losses.tck;

import java.util.Objects;

/**
 * The outcome of one contract check.
 *
 * @param name the check's stable kebab-case name, e.g. {@code gradient-matches-central-differences}
 * @param passed whether the loss satisfied it
 * @param detail what was measured (on success) or what went wrong and by how much (on failure)
 */
public record CheckResult(String name, boolean passed, String detail) {
  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }

  static CheckResult pass(String name, String detail) {
    return new CheckResult(name, true, detail);
  }

  static CheckResult fail(String name, String detail) {
    return new CheckResult(name, false, detail);
  }

  @Override
  public String toString() {
    return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
  }
}
