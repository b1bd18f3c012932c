package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the example Hellinger loss plugin (its classes taken verbatim from docs/plugins.md, so the
 * page's code is the code tested) into a jar, compiled against fracnet-core alone, as a plugin
 * author would.
 */
final class PluginJar {
  private static final String SOURCE_PACKAGE = "org.example.hellinger";
  /** Each source file with the text that marks its code block on the page. */
  static final Map<String, String> SOURCES = Map.of(
      "HellingerLoss.java", "public final class HellingerLoss implements LossFunction",
      "HellingerLossProvider.java", "public final class HellingerLossProvider implements LossProvider");

  private PluginJar() {}

  /** The test class path's entries (failsafe sets it). */
  static List<String> testClassPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(cp.split(File.pathSeparator));
  }

  /** The fracnet-core jar (or classes directory) on the test class path. */
  static String coreJar() {
    return testClassPath().stream()
        .filter(e -> e.contains("fracnet-core") || e.replace('\\', '/').endsWith("/core/target/classes"))
        .findFirst().orElseThrow(() -> new AssertionError("fracnet-core is not on the test class path"));
  }

  /**
   * Compiles the example plugin with its classes in {@code packageName} and writes it to
   * {@code dir/<jarName>}.
   */
  static Path build(Path dir, String packageName, String jarName) throws IOException {
    Path src = Files.createTempDirectory(dir, "src");
    Path classes = Files.createTempDirectory(dir, "classes");
    Path pkgDir = src.resolve(packageName.replace('.', '/'));
    Files.createDirectories(pkgDir);
    List<String> files = new ArrayList<>();
    for (String name : SOURCES.keySet()) {
      String text = source(name)
          .replace("package " + SOURCE_PACKAGE + ";", "package " + packageName + ";");
      Path file = pkgDir.resolve(name);
      Files.writeString(file, text);
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-cp", coreJar(), "-d", classes.toString()));
    args.addAll(files);
    int status = javac.run(null, null, null, args.toArray(String[]::new));
    assertThat(status).as("javac of the example plugin against fracnet-core alone").isZero();
    Path services = classes.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve("org.fracnet.core.spi.LossProvider"), packageName + ".HellingerLossProvider\n");
    Path jar = dir.resolve(jarName);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, jarOut);
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  /** The example's source file {@code name} (in package org.example.hellinger), from the plugin guide. */
  static String source(String name) throws IOException {
    return ConsumerProject.codeBlock(ConsumerProject.sourceFile(PluginGuideIT.DOC), "java", SOURCES.get(name));
  }
}
