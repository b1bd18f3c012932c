package org.fracnet.core.spi;

/**
 * Supplies a trainer by id ({@code nd4j}). Listed in
 * {@code META-INF/services/org.fracnet.core.spi.TrainerProvider}. Creating the provider loads
 * nothing native; {@link #create} may.
 */
public interface TrainerProvider extends Provider {
  /** Builds a trainer; {@code parameters} are trainer-specific (e.g. {@code threads=2}). */
  Trainer create(Parameters parameters);
}
