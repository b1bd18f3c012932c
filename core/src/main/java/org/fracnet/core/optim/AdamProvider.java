package org.fracnet.core.optim;

/** The {@code adam} optimizer: Adam (Kingma and Ba 2015) with optional L2 weight decay, as torch.optim.Adam. */
public final class AdamProvider extends AdamFamilyProvider {
  /** Does nothing else; {@link java.util.ServiceLoader} needs it. */
  public AdamProvider() {
    super("adam", false, "Adam (Kingma and Ba 2015) with optional L2 weight decay, as torch.optim.Adam");
  }
}
