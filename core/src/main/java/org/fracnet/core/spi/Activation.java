package org.fracnet.core.spi;

import org.fracnet.core.internal.EnumIds;

/** The element-wise activations a dense layer may apply after its affine map. */
public enum Activation {
  /** {@code f(x) = x}. */
  IDENTITY("identity"),
  /** {@code f(x) = max(0, x)}. */
  RELU("relu"),
  /** {@code f(x) = tanh(x)}. */
  TANH("tanh");

  private final String id;

  Activation(String id) {
    this.id = id;
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return id;
  }

  /** Applies the activation to one value. */
  public double apply(double x) {
    return switch (this) {
      case IDENTITY -> x;
      case RELU -> Math.max(0, x);
      case TANH -> Math.tanh(x);
    };
  }

  /** The activation called {@code id}, or {@code null} if none is. */
  public static Activation byId(String id) {
    return EnumIds.byId(Activation.class, Activation::id, id);
  }
}
