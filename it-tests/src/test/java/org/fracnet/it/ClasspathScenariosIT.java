package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's discovery on different class paths: the plain jars with every loss, without any loss,
 * with two plugins claiming one id, and the shaded jar (whose services files must be merged).
 */
class ClasspathScenariosIT {
  /** The four loss artifacts, as jars or as reactor class directories (the test kit stays). */
  private static final java.util.regex.Pattern LOSS_JAR = java.util.regex.Pattern.compile(
      ".*(fracnet-loss-(cross-entropy|mse|weighted-mse|dirichlet)-[^/]*\\.jar|/losses/(cross-entropy|mse|weighted-mse|dirichlet)/target/.*)");
  private static final List<String> ALL_LOSSES = List.of("cross-entropy", "dirichlet", "mse", "weighted-mse");

  @TempDir
  Path dir;

  private static String classPath(boolean withLosses) {
    return String.join(File.pathSeparator, PluginJar.testClassPath().stream()
        .filter(e -> withLosses || !LOSS_JAR.matcher(e.replace('\\', '/')).matches())
        .toList());
  }

  @Test
  void plainJarsWithEveryLoss() throws Exception {
    Cli.Result r = Cli.runWithClasspath(dir, classPath(true), "losses", "--json").expectSuccess();
    assertThat(new ObjectMapper().readTree(r.out()).findValuesAsText("id")).containsExactlyElementsOf(ALL_LOSSES);
  }

  @Test
  void shadedJarListsAllFourLosses() throws Exception {
    Cli.Result r = Cli.run(dir, "losses", "--json").expectSuccess();
    assertThat(new ObjectMapper().readTree(r.out()).findValuesAsText("id")).containsExactlyElementsOf(ALL_LOSSES);
  }

  @Test
  void noLossPluginSaysWhatToAdd() throws Exception {
    String cp = classPath(false);
    assertThat(cp).doesNotContain("fracnet-loss-cross-entropy");
    Cli.Result listed = Cli.runWithClasspath(dir, cp, "losses").expectSuccess();
    assertThat(listed.out()).contains("No loss providers are installed").contains("fracnet-loss-cross-entropy");
    Cli.Result train = Cli.runWithClasspath(dir, cp, "train", "--epochs", "1", "--quiet");
    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(train.err().strip()).isEqualTo("fracnet: error: no loss providers are installed, so 'cross-entropy'"
        + " cannot be used; add a loss plugin jar (e.g. fracnet-loss-cross-entropy) to the classpath or to --plugins DIR");
  }

  @Test
  void twoPluginsWithOneIdAreNamedWithTheirJars() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJar.build(dir, "org.example.hellinger", "plugins/hellinger-a.jar");
    PluginJar.build(dir, "org.example.other", "plugins/hellinger-b.jar");
    Cli.Result r = Cli.run(dir, "losses", "--plugins", plugins.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("two loss providers have the id 'hellinger'")
        .contains("hellinger-a.jar").contains("hellinger-b.jar")
        .contains("org.example.hellinger.HellingerLossProvider").contains("org.example.other.HellingerLossProvider");
  }
}
