package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded fracnet jar in a fresh JVM, or any other command. */
final class Cli {
  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    Result expectSuccess() {
      assertThat(exitCode).as("exit status; stderr was:%n%s", err).isZero();
      return this;
    }
  }

  private Cli() {}

  static Path jar() {
    Path jar = Path.of(System.getProperty("fracnet.cliJar", "../cli/target/fracnet-cli-0.1.0-SNAPSHOT-all.jar"));
    assertThat(jar).as("the shaded CLI jar (build the cli module first)").exists();
    return jar;
  }

  /** Runs {@code java -jar <shaded jar> args} in {@code dir}; fails after 20 minutes (a run takes seconds to a minute). */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return runWithClasspath(dir, null, args);
  }

  /**
   * Runs the CLI with an explicit classpath instead of the shaded jar (for classpath scenarios),
   * or the shaded jar when {@code classpath} is null.
   */
  static Result runWithClasspath(Path dir, String classpath, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (classpath == null) {
      cmd.add("-jar");
      cmd.add(jar().toAbsolutePath().toString());
    } else {
      cmd.add("-cp");
      cmd.add(classpath);
      cmd.add("org.fracnet.cli.Main");
    }
    cmd.addAll(List.of(args));
    return runCommand(dir, Map.of(), 20, cmd);
  }

  /** Variables of the test's environment that commands do not inherit. */
  private static final java.util.Set<String> INHERITED_NOT = java.util.Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
      "JDK_JAVA_OPTIONS", "FRACNET_DEBUG", "FRACNET_JAVA_OPTS", "MAVEN_OPTS", "MAVEN_ARGS", "MAVEN_CONFIG");

  /**
   * Runs {@code command} in {@code dir} with no input, its environment changed by {@code
   * environment} (a null value removes the variable); fails after {@code timeoutMinutes}.
   */
  static Result runCommand(Path dir, Map<String, String> environment, int timeoutMinutes, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    // what would add lines to a child's output (a JVM's "Picked up ...", fracnet's stack traces)
    // or change its JVM or a child Maven's repository, unless the test sets it
    builder.environment().keySet().removeAll(INHERITED_NOT);
    environment.forEach((name, value) -> {
      if (value == null) {
        builder.environment().remove(name);
      } else {
        builder.environment().put(name, value);
      }
    });
    Process p = builder.start();
    p.getOutputStream().close();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutMinutes + " minutes");
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
