package org.fracnet.core.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fracnet.core.FracnetException;
import org.fracnet.core.spi.Provider;

/**
 * The providers of one kind found through {@link ServiceLoader}, by id.
 *
 * <p>Discovery survives a broken provider (one whose class is missing, fails to load or to
 * construct): it is left out and described in {@link #problems()}, naming its class and the jar
 * whose {@code META-INF/services} file lists it. Two providers with one id are an error naming
 * both classes and their jars, because which one a user gets would otherwise depend on classpath
 * order. So is an id that is not lower-kebab-case.
 *
 * @param <T> the provider type
 */
public final class ProviderRegistry<T extends Provider> {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private final Class<T> type;
  private final String kind;
  private final Map<String, T> byId;
  private final List<String> problems;

  private ProviderRegistry(Class<T> type, String kind, Map<String, T> byId, List<String> problems) {
    this.type = type;
    this.kind = kind;
    this.byId = Collections.unmodifiableMap(byId);
    this.problems = List.copyOf(problems);
  }

  /**
   * Discovers every provider of {@code type} visible to {@code loader}.
   *
   * @param kind what users call these providers in messages, e.g. "loss"
   * @throws FracnetException when two providers share an id or an id is malformed
   */
  public static <T extends Provider> ProviderRegistry<T> discover(Class<T> type, String kind, ClassLoader loader) {
    Map<String, T> byId = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(type, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<T> candidate;
      try {
        if (!it.hasNext()) {
          break;
        }
        candidate = it.next();
      } catch (ServiceConfigurationError e) {
        problems.add(describeBroken(type, loader, e));
        continue;
      }
      T provider;
      try {
        provider = candidate.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        problems.add(kind + " provider " + candidate.type().getName() + " in "
            + locationOf(candidate.type()) + " could not be created and is skipped: " + rootMessage(e));
        continue;
      }
      add(byId, kind, provider);
    }
    return new ProviderRegistry<>(type, kind, byId, problems);
  }

  /** A registry of the given providers, checked as discovery checks them (for tests and embedding). */
  @SafeVarargs
  public static <T extends Provider> ProviderRegistry<T> of(Class<T> type, String kind, T... providers) {
    Map<String, T> byId = new TreeMap<>();
    for (T p : providers) {
      add(byId, kind, p);
    }
    return new ProviderRegistry<>(type, kind, byId, List.of());
  }

  private static <T extends Provider> void add(Map<String, T> byId, String kind, T provider) {
    String id = provider.id();
    if (id == null || !ID.matcher(id).matches()) {
      throw new FracnetException(kind + " provider " + provider.getClass().getName() + " in "
          + locationOf(provider.getClass()) + " has id '" + id
          + "'; ids must be lower-kebab-case such as my-loss");
    }
    T previous = byId.putIfAbsent(id, provider);
    if (previous != null) {
      throw new FracnetException("two " + kind + " providers have the id '" + id + "': "
          + previous.getClass().getName() + " in " + locationOf(previous.getClass()) + " and "
          + provider.getClass().getName() + " in " + locationOf(provider.getClass())
          + "; remove one of the jars from the classpath or plugin directory");
    }
  }

  /** The provider type. */
  public Class<T> type() {
    return type;
  }

  /** What users call these providers, e.g. "loss". */
  public String kind() {
    return kind;
  }

  /** Providers by id, sorted by id. */
  public Map<String, T> byId() {
    return byId;
  }

  /** Descriptions of broken providers that were skipped; empty when all loaded. */
  public List<String> problems() {
    return problems;
  }

  /**
   * The provider with {@code id}.
   *
   * @throws org.fracnet.core.SettingsException naming the available ids (or saying none are installed) and the fix
   */
  public T require(String id) {
    T p = byId.get(id);
    if (p != null) {
      return p;
    }
    if (byId.isEmpty()) {
      throw new org.fracnet.core.SettingsException("no " + kind + " providers are installed, so '" + id
          + "' cannot be used; add a " + kind + " plugin jar (e.g. fracnet-loss-cross-entropy) to the"
          + " classpath or to Fracnet.discover(classLoader)");
    }
    throw new org.fracnet.core.SettingsException("there is no " + kind + " '" + id + "'; available: "
        + String.join(", ", byId.keySet()) + " (a plugin's jar goes on the classpath or in Fracnet.discover(classLoader))");
  }

  /** The jar or directory a class was loaded from, or "an unknown location". */
  public static String locationOf(Class<?> cls) {
    CodeSource source = cls.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? "an unknown location" : source.getLocation().toString();
  }

  private static String describeBroken(Class<?> type, ClassLoader loader, ServiceConfigurationError e) {
    String message = rootMessage(e);
    String where = "";
    try {
      Enumeration<URL> files = loader.getResources("META-INF/services/" + type.getName());
      while (files.hasMoreElements()) {
        URL url = files.nextElement();
        try (InputStream in = url.openStream()) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          for (String line : text.split("\\R")) {
            String cls = line.replaceAll("#.*", "").trim();
            if (!cls.isEmpty() && message.contains(cls)) {
              where = " (listed in " + url + ")";
            }
          }
        }
      }
    } catch (IOException ignored) {
      // the message below still names the class
    }
    return "a " + type.getSimpleName() + " is broken and skipped" + where + ": " + message;
  }

  private static String rootMessage(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(": ").append(c);
    }
    return sb.toString();
  }
}
