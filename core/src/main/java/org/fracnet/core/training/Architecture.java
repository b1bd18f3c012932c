package org.fracnet.core.training;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.Parameters;

/**
 * Which network to train: the id of an architecture provider and its parameters. Core's two are
 * typed ({@link #mlp(int...)}, {@link #linear()}); a plugin's is {@link #of(String, Map)}.
 *
 * @param id the architecture provider's id
 * @param parameters its parameters (defaults are the provider's)
 */
public record Architecture(String id, Parameters parameters) {
  public Architecture {
    Objects.requireNonNull(id, "id");
    parameters = parameters.withOwner("architecture " + id);
  }

  /** A multinomial logit: one affine layer from the features to the outputs. */
  public static Architecture linear() {
    return new Architecture("linear", Parameters.empty());
  }

  /** A multi-layer perceptron with the provider's default hidden layers (64, 64) and ReLU. */
  public static Architecture mlp() {
    return new Architecture("mlp", Parameters.empty());
  }

  /** A multi-layer perceptron with ReLU hidden layers of the given widths. */
  public static Architecture mlp(int... hidden) {
    return new Architecture("mlp", Parameters.of("", Map.of("hidden", widths(hidden))));
  }

  /** A multi-layer perceptron with hidden layers of the given widths and activation. */
  public static Architecture mlp(Activation activation, int... hidden) {
    return new Architecture("mlp", Parameters.of("", Map.of("hidden", widths(hidden),
        "activation", activation.id())));
  }

  /** A plugin's architecture, or core's by id, with textual parameters. */
  public static Architecture of(String id, Map<String, String> parameters) {
    return new Architecture(id, Parameters.of("", parameters));
  }

  /**
   * This multi-layer perceptron with dropout: in each training step, each hidden layer's outputs
   * are dropped with probability {@code share} (the others scaled by {@code 1 / (1 - share)});
   * prediction never drops. Only {@code mlp} takes it.
   *
   * @throws org.fracnet.core.SettingsException when {@code share} is not from 0 to below 1
   */
  public Architecture withDropout(double share) {
    if (!org.fracnet.core.spi.Dropout.isShare(share)) {
      throw new org.fracnet.core.SettingsException("Architecture.withDropout(" + share + "): the share dropped"
          + " must be from 0 to below 1, such as 0.3");
    }
    return new Architecture(id, parameters.with("dropout", org.fracnet.core.internal.PlainNumbers.plain(share)));
  }

  private static String widths(int[] hidden) {
    return Arrays.stream(hidden).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return parameters.asMap().isEmpty() ? id : id + parameters.asMap();
  }
}
