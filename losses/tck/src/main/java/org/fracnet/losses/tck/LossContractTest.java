package org.fracnet.losses.tck;

import java.util.List;
import java.util.stream.Stream;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract test of a loss plugin: extend it, say which loss to check, and every check of
 * {@link LossContract} runs as its own JUnit test, named after the check.
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

  /** One test per contract check. */
  @TestFactory
  Stream<DynamicTest> contract() {
    LossContract contract = LossContract.forId(lossId(), parameters().withOwner(lossId()), classes());
    return contract.checkNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      CheckResult result = contract.run(name);
      if (!result.passed()) {
        Assertions.fail(contract + " failed " + name + ": " + result.detail());
      }
    }));
  }
}
