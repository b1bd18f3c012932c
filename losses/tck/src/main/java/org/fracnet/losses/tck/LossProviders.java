package org.fracnet.losses.tck;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.LossProvider;

/** Finds one {@link LossProvider} by id through {@link ServiceLoader}, as an application would. */
public final class LossProviders {
  private LossProviders() {}

  /**
   * The provider with {@code id} visible to {@code loader}.
   *
   * @throws FracnetException when none or two have that id (naming both classes), listing the ids
   *     found and any provider that failed to load
   */
  public static LossProvider find(String id, ClassLoader loader) {
    LossProvider found = null;
    TreeSet<String> ids = new TreeSet<>();
    List<String> broken = new ArrayList<>();
    Iterator<LossProvider> it = ServiceLoader.load(LossProvider.class, loader).iterator();
    while (true) {
      LossProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        broken.add(String.valueOf(e.getMessage()));
        continue;
      }
      ids.add(provider.id());
      if (id.equals(provider.id())) {
        if (found != null) {
          throw new FracnetException("two loss providers have the id '" + id + "': "
              + found.getClass().getName() + " and " + provider.getClass().getName()
              + "; remove one of their jars from the classpath");
        }
        found = provider;
      }
    }
    if (found == null) {
      throw new FracnetException("there is no loss '" + id + "' on the classpath; found: "
          + (ids.isEmpty() ? "none" : String.join(", ", ids))
          + (broken.isEmpty() ? "" : "; broken providers: " + String.join("; ", broken))
          + " (list the provider class in META-INF/services/" + LossProvider.class.getName() + ")");
    }
    return found;
  }

  /** {@link #find(String, ClassLoader)} with the thread's context class loader. */
  public static LossProvider find(String id) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return find(id, loader != null ? loader : LossProviders.class.getClassLoader());
  }
}
