package org.fracnet.core.spi;

/**
 * Supplies a trainer by id ({@code nd4j}, {@code java}). Listed in
 * {@code META-INF/services/org.fracnet.core.spi.TrainerProvider}. Creating the provider loads
 * nothing native; {@link #create} may not either: native code starts when an engine opens.
 */
public interface TrainerProvider extends Provider {
  /**
   * Builds a trainer.
   *
   * @param parameters trainer-specific (e.g. {@code threads=2})
   * @throws org.fracnet.core.SettingsException on an unknown key or a value out of range
   */
  Trainer create(Parameters parameters);
}
