package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fracnet.bench.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./fracnet} launcher, as users run it (the other tests run the shaded
 * jar directly): its choice of OpenBLAS kernels (OpenBLAS names the kernels it loaded on standard
 * error when {@code OPENBLAS_VERBOSE=2}) and of the JIT compilers (the JVM prints its final flags
 * with {@code -XX:+PrintFlagsFinal}).
 */
class LauncherIT {
  @TempDir
  Path dir;

  @Test
  void choosesOpenBlasHaswellKernelsOnZen4WhenTheVariableIsUnset() throws Exception {
    assumeTrue(Cpu.read().zen4(), "not an AMD Zen 4 CPU, where the launcher sets nothing");
    Cli.Result r = trainThroughLauncher(null).expectSuccess();
    assertThat(r.err()).contains("Core: Haswell");
  }

  @Test
  void leavesAKernelChoiceOfTheUserAlone() throws Exception {
    // Prescott (SSE3) runs on every x86-64 CPU; a newer kernel crashes on a CPU without its instructions
    Cli.Result r = trainThroughLauncher("Prescott").expectSuccess();
    assertThat(r.err()).contains("Core: Prescott").doesNotContain("Core: Haswell");
  }

  @Test
  void runsShortCommandsWithC1OnlyAndTrainingAndLargeFilesWithC2() throws Exception {
    Path model = dir.resolve("linear.zip");
    Cli.Result train = launch(List.of("train", "--arch", "linear", "--epochs", "1", "--quiet", "--out", model.toString()));
    assertThat(tieredStopAtLevel(train)).as("train").isEqualTo("4");

    Path demo = Path.of("..", "core", "src", "main", "resources", "org", "fracnet", "core", "data", "demo-commute.csv");
    List<String> lines = Files.readAllLines(demo);
    Path small = Files.write(dir.resolve("small.csv"), lines.subList(0, 2));
    List<String> many = new ArrayList<>(lines);
    while (many.size() < 30_000) { // 2,000 rows of about 42 bytes a copy: over 1 MiB
      many.addAll(lines.subList(1, lines.size()));
    }
    Path large = Files.write(dir.resolve("large.csv"), many);
    assertThat(Files.size(large)).isGreaterThan(1 << 20);

    Path out = dir.resolve("predictions.csv");
    assertThat(tieredStopAtLevel(launch(List.of("predict", "--model", model.toString(), "--data", small.toString(),
        "--out", out.toString())))).as("predict on one row").isEqualTo("1");
    assertThat(tieredStopAtLevel(launch(List.of("predict", "--model", model.toString(), "--data=" + large,
        "--out", out.toString(), "--force")))).as("predict on over 1 MiB").isEqualTo("4");
    assertThat(tieredStopAtLevel(launch(List.of("evaluate", "--model", model.toString(), "--data=" + small))))
        .as("evaluate on one row").isEqualTo("1");
    assertThat(tieredStopAtLevel(launch(List.of("--version")))).as("--version").isEqualTo("1");
  }

  /**
   * The README's first command on a fresh clone: the launcher builds the jar itself (this once
   * failed in a check that {@code mvn -B verify} passes, and once for a test jar that only a
   * local repository holding fracnet already had), prints the version, and does not build again
   * on the next run. The build runs offline in a copy of the committed source tree with a local
   * repository of its own (it installs there), taking plugins and third-party artifacts from this
   * build's local repository (releases only, so no installed fracnet can stand in);
   * it-tests/pom.xml has this build resolve maven-install-plugin, which {@code mvn verify} would
   * not reach.
   */
  @Test
  void buildsTheCommandLineOnAFreshClone() throws Exception {
    Path clone = dir.resolve("clone");
    copySourceTree(ConsumerProject.sourceFile(""), clone);
    Path settings = ConsumerProject.writeOfflineSettings(dir.resolve("settings.xml"), dir.resolve("repository"));
    Files.createDirectories(clone.resolve(".mvn"));
    Files.writeString(clone.resolve(".mvn/maven.config"),
        "-o\n-Daether.offline.protocols=file\n-s\n" + settings + "\n");
    Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"),
        "PATH", Path.of(System.getProperty("maven.home"), "bin") + java.io.File.pathSeparator + System.getenv("PATH"));
    List<String> version = List.of(clone.resolve("fracnet").toString(), "--version");

    Cli.Result first = Cli.runCommand(dir, environment, 30, version); // a minute on 2 quiet cores
    assertThat(first.exitCode()).as("first run; it printed:%n%s", first.err()).isZero();
    assertThat(first.err()).contains("fracnet: building the command line");
    assertThat(first.out()).contains(ConsumerProject.version());

    Cli.Result second = Cli.runCommand(dir, environment, 2, version).expectSuccess();
    assertThat(second.err()).doesNotContain("building the command line");
    assertThat(second.out()).isEqualTo(first.out());
  }

  /**
   * Copies the files of the source tree at {@code root} that git tracks (what a clone has; the
   * working copy's version of each) to {@code to}; without git, every file but .git, .mvn and
   * build output.
   */
  private static void copySourceTree(Path root, Path to) throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z").redirectErrorStream(false).start();
    String listed = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (git.waitFor() == 0 && !listed.isEmpty()) {
      for (String name : listed.split("\0")) {
        Path file = root.resolve(name);
        if (!name.isEmpty() && Files.isRegularFile(file)) { // a file deleted but not yet committed is skipped
          Files.createDirectories(to.resolve(name).getParent());
          Files.copy(file, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
        String name = folder.getFileName().toString();
        if (!folder.equals(root) && List.of(".git", ".mvn", "target").contains(name)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(root.relativize(folder).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.copy(file, to.resolve(root.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** {@code ./fracnet args} with the JVM's final flags printed; fails unless it succeeds. */
  private Cli.Result launch(List<String> args) throws IOException, InterruptedException {
    return runLauncher(Map.of("FRACNET_JAVA_OPTS", "-XX:+PrintFlagsFinal"), args).expectSuccess();
  }

  /** The value of {@code TieredStopAtLevel} in a run's {@code -XX:+PrintFlagsFinal} listing. */
  private static String tieredStopAtLevel(Cli.Result r) {
    return r.out().lines().filter(l -> l.matches("\\s*intx TieredStopAtLevel\\s+=.*"))
        .map(l -> l.replaceAll(".*=\\s*(\\d+).*", "$1")).findFirst().orElse("not printed");
  }

  /** One epoch on the demo data through {@code ./fracnet}, with {@code OPENBLAS_CORETYPE} as given. */
  private Cli.Result trainThroughLauncher(String coreType) throws IOException, InterruptedException {
    Map<String, String> environment = new HashMap<>();
    environment.put("OPENBLAS_CORETYPE", coreType); // null: unset
    environment.put("OPENBLAS_VERBOSE", "2");
    return runLauncher(environment, List.of("train", "--arch", "mlp", "--epochs", "1", "--quiet",
        "--out", dir.resolve("model.zip").toString()));
  }

  /**
   * {@code ./fracnet args} at the repository root, its environment changed by {@code environment}
   * (a null value unsets); checks it did not rebuild the jar.
   */
  private Cli.Result runLauncher(Map<String, String> environment, List<String> args)
      throws IOException, InterruptedException {
    Path launcher = Path.of("..", "fracnet").toAbsolutePath().normalize();
    assertThat(launcher).as("the launcher at the repository root").isExecutable();
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    Cli.Result r = Cli.runCommand(dir, environment, 5, cmd);
    assertThat(r.err()).as("the launcher must not rebuild the jar inside the test build")
        .doesNotContain("building the command line");
    return r;
  }
}
