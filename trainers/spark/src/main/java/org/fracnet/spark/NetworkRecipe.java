package org.fracnet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fracnet.core.Fracnet;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;

/**
 * What an executor needs to compute a loss and its gradient: the network's layers and the loss's
 * id and resolved parameters, from which the installed loss plugin builds an identical loss (as a
 * model file recreates its loss). Serializable, unlike {@link NetworkSpec} and {@link LossFunction};
 * each executor thread builds its loss once and keeps it.
 */
final class NetworkRecipe implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Map<NetworkRecipe, ThreadLocal<LossFunction>> LOSSES = new ConcurrentHashMap<>();

  private final String architecture;
  private final int[] inputs;
  private final int[] outputs;
  private final String[] activations;
  private final String loss;
  private final LinkedHashMap<String, String> lossParameters;
  private final int classes;

  NetworkRecipe(NetworkSpec network, LossFunction loss) {
    List<DenseLayerSpec> layers = network.layers();
    this.architecture = network.architecture();
    this.inputs = layers.stream().mapToInt(DenseLayerSpec::inputs).toArray();
    this.outputs = layers.stream().mapToInt(DenseLayerSpec::outputs).toArray();
    this.activations = layers.stream().map(l -> l.activation().name()).toArray(String[]::new);
    this.loss = loss.id();
    this.lossParameters = new LinkedHashMap<>(loss.resolvedParameters().asMap());
    this.classes = loss.classes();
  }

  /** The network. */
  NetworkSpec network() {
    List<DenseLayerSpec> layers = new ArrayList<>();
    for (int l = 0; l < inputs.length; l++) {
      layers.add(new DenseLayerSpec(inputs[l], outputs[l], Activation.valueOf(activations[l])));
    }
    return new NetworkSpec(architecture, layers);
  }

  /** The loss, built by this JVM's loss plugin once per thread (a loss may keep buffers). */
  LossFunction loss() {
    return LOSSES.computeIfAbsent(this, r -> ThreadLocal.withInitial(r::createLoss)).get();
  }

  private LossFunction createLoss() {
    return Plugins.fracnet().plugins().losses().require(loss)
        .create(Parameters.of("loss " + loss, lossParameters), TargetStatistics.uniform(classes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkRecipe r && architecture.equals(r.architecture)
        && java.util.Arrays.equals(inputs, r.inputs) && java.util.Arrays.equals(outputs, r.outputs)
        && java.util.Arrays.equals(activations, r.activations) && loss.equals(r.loss)
        && lossParameters.equals(r.lossParameters) && classes == r.classes;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(architecture, java.util.Arrays.hashCode(inputs), java.util.Arrays.hashCode(outputs),
        loss, lossParameters, classes);
  }

  /** The plugins of this JVM (a driver or an executor), discovered once. */
  static final class Plugins {
    private static volatile Fracnet fracnet;

    private Plugins() {}

    static Fracnet fracnet() {
      Fracnet f = fracnet;
      if (f == null) {
        synchronized (Plugins.class) {
          f = fracnet;
          if (f == null) {
            f = Fracnet.discover();
            fracnet = f;
          }
        }
      }
      return f;
    }
  }
}
