package org.fracnet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code lbfgs} provider: its kind, parameters and messages. */
class LbfgsProviderTest {
  private final OptimizerProvider lbfgs = new LbfgsProvider();

  @Test
  void isFullBatchWithDocumentedParameters() {
    assertThat(lbfgs.id()).isEqualTo("lbfgs");
    assertThat(lbfgs.fullBatch()).isTrue();
    assertThat(new SgdProvider().fullBatch()).isFalse();
    assertThat(lbfgs.description()).isNotBlank().doesNotContain("\n");
    assertThat(lbfgs.parameters()).extracting(ParameterDescriptor::name)
        .containsExactly("history", "tolerance", "max-iterations", "weight-decay");
    assertThat(lbfgs.parameters()).extracting(ParameterDescriptor::defaultValue)
        .containsExactly("10", "1e-7", "", "0");
    assertThat(lbfgs.createFullBatch(Parameters.empty())).hasToString(
        "lbfgs[history=10, tolerance=1.0E-7, max-iterations=trainer epochs, weight-decay=0.0]");
    assertThat(lbfgs.createFullBatch(Parameters.of("cli", Map.of("history", "3",
        "tolerance", "1e-9", "max-iterations", "50"))).tolerance()).isEqualTo(1e-9);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "history        | 0    | parameter history=0 of optimizer lbfgs is invalid: expected an integer >= 1",
      "history        | 2.5  | parameter history=2.5 of optimizer lbfgs is invalid: expected an integer",
      "tolerance      | 0    | parameter tolerance=0 of optimizer lbfgs is invalid: expected a number > 0",
      "tolerance      | NaN  | parameter tolerance=NaN of optimizer lbfgs is invalid: expected a finite number",
      "max-iterations | 0    | parameter max-iterations=0 of optimizer lbfgs is invalid: expected an integer >= 1",
      "max-iterations | many | parameter max-iterations=many of optimizer lbfgs is invalid: expected an integer",
      "weight-decay   | -0.1 | parameter weight-decay=-0.1 of optimizer lbfgs is invalid: expected a number >= 0",
  })
  void badParametersGiveAClearMessage(String key, String value, String message) {
    assertThatThrownBy(() -> lbfgs.createFullBatch(Parameters.of("cli", Map.of(key, value))))
        .isInstanceOf(FracnetException.class)
        .hasMessage(message);
  }

  @Test
  void unknownKeysAreRejectedListingTheAcceptedOnes() {
    assertThatThrownBy(() -> lbfgs.createFullBatch(Parameters.of("cli", Map.of("momentum", "0.9"))))
        .isInstanceOf(FracnetException.class)
        .hasMessage("optimizer lbfgs has no parameter momentum; accepted: history, max-iterations,"
            + " tolerance, weight-decay");
  }

  @Test
  void aMiniBatchTrainerAskingForLbfgsIsToldWhatToUse() {
    assertThatThrownBy(() -> lbfgs.create(Parameters.empty(), 10))
        .isInstanceOf(FracnetException.class)
        .hasMessage("optimizer lbfgs is full-batch (it minimises the loss over all training rows"
            + " at once) but the trainer asked for a mini-batch optimizer; use a trainer that"
            + " supports full-batch optimizers (nd4j) or a mini-batch optimizer (sgd, adam,"
            + " adamw)");
  }

  @Test
  void aMiniBatchOptimizerHasNoFullBatchForm() {
    assertThatThrownBy(() -> new AdamProvider().createFullBatch(Parameters.empty()))
        .isInstanceOf(FracnetException.class)
        .hasMessage("optimizer adam takes mini-batch steps and has no full-batch form; use a"
            + " full-batch optimizer such as lbfgs, or train with adam on mini-batches");
  }
}
