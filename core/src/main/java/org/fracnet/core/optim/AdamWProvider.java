package org.fracnet.core.optim;

/** The {@code adamw} optimizer: Adam with decoupled weight decay (Loshchilov and Hutter 2019), as torch.optim.AdamW. */
public final class AdamWProvider extends AdamFamilyProvider {
  /** Does nothing else; {@link java.util.ServiceLoader} needs it. */
  public AdamWProvider() {
    super("adamw", true, "Adam with decoupled weight decay (Loshchilov and Hutter 2019), as torch.optim.AdamW");
  }
}
