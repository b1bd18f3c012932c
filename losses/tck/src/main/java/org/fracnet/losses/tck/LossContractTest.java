package org.fracnet.losses.tck;

import java.util.List;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The contract test of a loss plugin: extend it, say which loss to check, and every check of
 * {@link LossContract} runs as its own JUnit test method, named after the check
 * ({@code gradientMatchesCentralDifferences} runs {@code gradient-matches-central-differences}).
 *
 * <pre>{@code
 * class MyLossContractTest extends LossContractTest {
 *   MyLossContractTest() {
 *     super("my-loss", "temperature=2");
 *   }
 * }
 * }</pre>
 *
 * <p>Or override {@link #lossId()}, {@link #parameters()} and {@link #classes()} instead of
 * passing them to the constructor. The loss is loaded through {@link java.util.ServiceLoader}, so this also proves that the
 * plugin's {@code META-INF/services/org.fracnet.core.spi.LossProvider} file is right. To check
 * several variants of one loss, write one subclass per variant (JUnit {@code @Nested} inner
 * classes work).
 */
public abstract class LossContractTest {
  private final String lossId;
  private final List<String> parameters;

  /** For subclasses that override {@link #lossId()} (and perhaps {@link #parameters()}). */
  protected LossContractTest() {
    this(null);
  }

  /**
   * For subclasses that name the loss and its parameters here, e.g.
   * {@code super("cross-entropy", "label-smoothing=0.1")}.
   */
  protected LossContractTest(String lossId, String... parameters) {
    this.lossId = lossId;
    this.parameters = List.of(parameters);
  }

  /** The id of the loss under test: the constructor's, unless overridden. */
  protected String lossId() {
    if (lossId == null) {
      throw new IllegalStateException(getClass().getName()
          + " names no loss: override lossId() or call super(\"my-loss\", \"key=value\", ...)");
    }
    return lossId;
  }

  /** The parameters to create it with: the constructor's (none by default), unless overridden. */
  protected Parameters parameters() {
    return Parameters.parse(lossId(), parameters);
  }

  /** The number of classes K; 6 by default (use at least 2). */
  protected int classes() {
    return 6;
  }

  /*
   * One test method per check, named after it, so that every runner and report (surefire's
   * included, which shows dynamic tests only as "contract()[4]") says which check failed.
   * LossContractTestTest fails when LossContract gains a check that has no method here.
   */

  @Test
  void describesItself() {
    check("describes-itself");
  }

  @Test
  void unknownParameterIsRejected() {
    check("unknown-parameter-is-rejected");
  }

  @Test
  void resolvedParametersRecreateTheLoss() {
    check("resolved-parameters-recreate-the-loss");
  }

  @Test
  void gradientMatchesCentralDifferences() {
    check("gradient-matches-central-differences");
  }

  @Test
  void minimumAtMeanTargetIffProper() {
    check("minimum-at-mean-target-iff-proper");
  }

  @Test
  void valueIsTheWeightedMeanOfRows() {
    check("value-is-the-weighted-mean-of-rows");
  }

  @Test
  void unitWeightsEqualNoWeights() {
    check("unit-weights-equal-no-weights");
  }

  @Test
  void duplicatedRowsGiveSameValueAndHalfGradients() {
    check("duplicated-rows-give-same-value-and-half-gradients");
  }

  @Test
  void inputsAreNotMutated() {
    check("inputs-are-not-mutated");
  }

  @Test
  void threadSafe() {
    check("thread-safe");
  }

  @Test
  void shapeMismatchThrowsIllegalArgument() {
    check("shape-mismatch-throws-illegal-argument");
  }

  @Test
  void nonFiniteZGivesNonFiniteValue() {
    check("non-finite-z-gives-non-finite-value");
  }

  @Test
  void predictionsAreFractions() {
    check("predictions-are-fractions");
  }

  private void check(String name) {
    LossContract contract = LossContract.forId(lossId(), parameters().withOwner(lossId()), classes());
    CheckResult result = contract.run(name);
    if (!result.passed()) {
      Assertions.fail(contract + " failed " + name + ": " + result.detail());
    }
  }
}
