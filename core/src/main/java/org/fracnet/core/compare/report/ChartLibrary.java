package org.fracnet.core.compare.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.fracnet.core.SettingsException;

/**
 * Apache ECharts, read from the {@code org.webjars.npm:echarts} WebJar on the class path. fracnet-core
 * declares the WebJar optional, so a library user who writes no HTML report does not carry 1 MB of
 * JavaScript; the CLI declares it as a normal dependency.
 */
final class ChartLibrary {
  /** The version this report was written and tested against; used when the jar's Maven metadata is gone (e.g. a shaded jar that dropped it). */
  static final String TESTED_VERSION = "5.3.1";
  static final String ARTIFACT = "org.webjars.npm:echarts";
  private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private ChartLibrary() {}

  /** The class-path resource of the minified library of {@code version}. */
  static String resource(String version) {
    return "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js";
  }

  /** The version of the WebJar on the class path, or the tested one when its metadata is missing. */
  static String version() {
    try (InputStream in = loader().getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM_PROPERTIES + " from the class path", e);
    }
    return TESTED_VERSION;
  }

  /**
   * The library's JavaScript, made safe to place inside a {@code <script>} element.
   *
   * @throws SettingsException when the WebJar is not on the class path, naming the artifact to add
   */
  static String script(String version) {
    String path = resource(version);
    try (InputStream in = loader().getResourceAsStream(path)) {
      if (in == null) {
        throw new SettingsException("The HTML report needs the chart library " + ARTIFACT + ":" + version
            + " on the class path (resource " + path + " not found); fracnet-core declares it optional:"
            + " add the dependency " + ARTIFACT + ":" + TESTED_VERSION + " to your project (the fracnet CLI has it)");
      }
      return safeInScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the class path", e);
    }
  }

  /**
   * Rewrites the only sequences that could end or confuse a {@code <script>} element as
   * {@code \x3C...}, which means the same inside JavaScript strings and regular expressions, the
   * only places such text can stand in a minified library. ECharts 5.3.1 has none of them.
   */
  static String safeInScript(String js) {
    return js.replaceAll("(?i)<(/script|script|!--)", "\\\\x3C$1");
  }

  private static ClassLoader loader() {
    ClassLoader l = ChartLibrary.class.getClassLoader();
    return l != null ? l : ClassLoader.getSystemClassLoader();
  }
}
