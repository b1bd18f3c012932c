package org.fracnet.core.spi;

/**
 * Supplies a network shape by id ({@code linear}, {@code mlp}). Listed in
 * {@code META-INF/services/org.fracnet.core.spi.ArchitectureProvider}.
 */
public interface ArchitectureProvider extends Provider {
  /**
   * Builds the network for {@code inputs} features and {@code outputs} raw outputs.
   *
   * @param parameters e.g. {@code hidden=64,64}, {@code activation=relu}
   */
  NetworkSpec create(Parameters parameters, int inputs, int outputs);
}
