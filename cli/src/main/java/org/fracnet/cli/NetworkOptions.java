package org.fracnet.cli;

import org.fracnet.core.spi.Parameters;
import org.fracnet.core.training.Architecture;
import picocli.CommandLine.Option;

/**
 * The network's flags ({@code --arch}, {@code --hidden}, {@code --activation}, {@code --dropout}),
 * shared by the commands that train.
 */
final class NetworkOptions {
  @Option(names = "--arch", paramLabel = "ID", description = "linear or mlp. Default: mlp.")
  String arch;

  @Option(names = "--hidden", paramLabel = "SIZES", description = "Hidden layer widths for mlp, e.g. 64,64 (the default).")
  String hidden;

  @Option(names = "--activation", paramLabel = "NAME", description = "relu (default) or tanh, for mlp.")
  String activation;

  @Option(names = "--dropout", paramLabel = "SHARE", description = "For mlp: the share of each hidden layer's outputs"
      + " dropped in each training step, e.g. 0.3 (prediction never drops). Default: 0 (none).")
  String dropout;

  /** The architecture these flags name; without any, the library's default ({@link Architecture#mlp()}). */
  Architecture architecture() {
    Parameters parameters = Parameters.empty();
    if (hidden != null) {
      parameters = parameters.with("hidden", hidden);
    }
    if (activation != null) {
      parameters = parameters.with("activation", activation);
    }
    if (dropout != null) {
      parameters = parameters.with("dropout", dropout);
    }
    return new Architecture(arch != null ? arch : Architecture.mlp().id(), parameters);
  }
}
