package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fracnet.core.data.DemoData;
import org.fracnet.core.spi.Parameters;
import org.fracnet.losses.tck.CheckResult;
import org.fracnet.losses.tck.LossContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loss plugin fracnet has never seen: compiled against core alone, checked with the test kit,
 * discovered by the shaded CLI through --plugins, and trained with.
 */
class PluginIT {
  @TempDir
  static Path dir;

  static Path plugins;

  @BeforeAll
  static void buildThePlugin() throws Exception {
    plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJar.build(dir, "org.example.hellinger", "plugins/hellinger-loss.jar");
  }

  @Test
  void pluginPassesTheContractTestKit() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {plugins.resolve("hellinger-loss.jar").toUri().toURL()},
        getClass().getClassLoader())) {
      LossContract contract = LossContract.forId("hellinger", Parameters.empty(), 6, loader);
      for (CheckResult r : contract.runAll()) {
        assertThat(r.passed()).as(r.name() + ": " + r.detail()).isTrue();
      }
    }
  }

  @Test
  void cliDiscoversThePluginAndItsChecksPass() throws Exception {
    Cli.Result listed = Cli.run(dir, "losses", "--plugins", plugins.toString()).expectSuccess();
    assertThat(listed.out()).contains("hellinger  squared Hellinger distance").contains("cross-entropy");
    Cli.Result checked = Cli.run(dir, "check-loss", "--plugins", plugins.toString(), "--loss", "hellinger").expectSuccess();
    assertThat(checked.out()).contains("all checks passed").doesNotContain("FAIL");
  }

  @Test
  void cliTrainsPredictsAndEvaluatesWithThePlugin() throws Exception {
    Cli.Result trained = Cli.run(dir, "train", "--plugins", plugins.toString(), "--loss", "hellinger",
        "--epochs", "15", "--quiet", "--out", "hellinger.zip").expectSuccess();
    assertThat(trained.out()).contains("held-out");
    Path rows = dir.resolve("rows.csv");
    try (OutputStream out = Files.newOutputStream(rows)) {
      DemoData.generate(20, 3, out);
    }
    Cli.Result predicted = Cli.run(dir, "predict", "--plugins", plugins.toString(), "--model", "hellinger.zip",
        "--data", rows.toString(), "--out", "-").expectSuccess();
    assertThat(predicted.out().lines().count()).isEqualTo(21);
    Cli.Result withoutPlugin = Cli.run(dir, "predict", "--model", "hellinger.zip", "--data", rows.toString(), "--out", "-");
    assertThat(withoutPlugin.exitCode()).isEqualTo(2);
    assertThat(withoutPlugin.err()).contains("was trained with loss 'hellinger', which is not installed");
  }
}
