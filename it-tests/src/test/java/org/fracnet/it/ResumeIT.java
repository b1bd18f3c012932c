package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed mid-way (SIGKILL) or stopped with Ctrl-C (SIGINT) resumes from its
 * checkpoint to exactly the uninterrupted result.
 */
class ResumeIT {
  @TempDir
  Path dir;

  /** {@code java -jar <shaded jar> args}. */
  private static List<String> fracnet(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Cli.jar().toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void killedRunResumesToTheUninterruptedRunsWeights() throws Exception {
    List<String> cmd = fracnet("train", "--epochs", "100000", "--patience", "100000", "--quiet", "--out", "long.zip");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("long.log").toFile()).start();
    Path checkpoint = dir.resolve("long.zip.checkpoint");
    awaitCheckpoint(p, checkpoint, 3);
    p.destroyForcibly().waitFor();
    int epoch = epochOf(checkpoint);
    String epochs = Integer.toString(epoch + 3);

    Cli.Result other = Cli.run(dir, "train", "--epochs", epochs, "--patience", "100000", "--seed", "7",
        "--quiet", "--out", "long.zip", "--resume");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("was written by another run (seed: 42 -> 7");

    Cli.Result resumed = resumesToTheUninterruptedRunsWeights("long.zip", epoch);
    assertThat(resumed.out()).contains("trained " + epochs + " epochs");
    assertThat(checkpoint).doesNotExist();
  }

  /** Waits until training {@code p} keeps a checkpoint of epoch {@code epoch} or later. */
  private static void awaitCheckpoint(Process p, Path checkpoint, int epoch) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (epochOf(checkpoint) < epoch) {
      assertThat(System.nanoTime()).as("a checkpoint of epoch %d within 2 minutes", epoch).isLessThan(deadline);
      assertThat(p.isAlive()).as("training still runs").isTrue();
      Thread.sleep(20);
    }
  }

  /**
   * Resumes the run writing {@code model} from its checkpoint of epoch {@code kept} to two epochs
   * more (only the epochs may change), and checks its weights equal an uninterrupted run's.
   */
  private Cli.Result resumesToTheUninterruptedRunsWeights(String model, int kept) throws Exception {
    String epochs = Integer.toString(kept + 3);
    Cli.Result resumed = Cli.run(dir, "train", "--epochs", epochs, "--patience", "100000", "--quiet",
        "--out", model, "--resume").expectSuccess();
    assertThat(resumed.out()).contains("resumed after epoch " + kept);
    Cli.run(dir, "train", "--epochs", epochs, "--patience", "100000", "--quiet", "--out", "unbroken-" + model)
        .expectSuccess();
    assertThat(entry(dir.resolve(model), "weights.safetensors"))
        .isEqualTo(entry(dir.resolve("unbroken-" + model), "weights.safetensors"));
    return resumed;
  }

  @Test
  void ctrlCStopsAfterTheBatchKeepsTheCheckpointAndResumingEqualsTheUninterruptedRun() throws Exception {
    // A process started in the background without job control (as CI may start Maven) inherits
    // SIGINT ignored, and a JVM leaves an ignored SIGINT alone; env resets it to the default.
    List<String> cmd = new ArrayList<>();
    if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
      cmd.addAll(List.of("env", "--default-signal=INT"));
    }
    cmd.addAll(fracnet("train", "--epochs", "100000", "--patience", "100000", "--out", "stopped.zip"));
    Path err = dir.resolve("stopped.err");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("stopped.out").toFile())
        .redirectError(err.toFile()).start();
    try {
      Path checkpoint = dir.resolve("stopped.zip.checkpoint");
      awaitCheckpoint(p, checkpoint, 2);
      Assumptions.assumeFalse(ignoresSigint(p.pid()), "the test runs with SIGINT ignored and without env"
          + " --default-signal (coreutils 8.31 or later) to restore it, so Ctrl-C cannot be sent");
      assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
      assertThat(p.exitValue()).isEqualTo(130);
      List<String> lines = Files.readAllLines(err);
      int kept = epochOf(checkpoint);
      assertThat(kept).isGreaterThanOrEqualTo(2);
      // The epoch that was running when the signal came may still print its progress line after
      // the acknowledgement, so the acknowledgement need only come before the last two lines.
      assertThat(lines.subList(0, lines.size() - 2))
          .contains("fracnet: stopping after the current batch (Ctrl-C again quits at once)");
      assertThat(lines.get(lines.size() - 1)).isEqualTo(
          "fracnet: to continue, run: fracnet train --epochs 100000 --patience 100000 --out stopped.zip --resume");
      assertThat(lines.get(lines.size() - 2)).startsWith("fracnet: interrupted: training stopped on request ")
          .endsWith("; the checkpoint stopped.zip.checkpoint holds the " + kept + " epochs done");
      assertThat(dir.resolve("stopped.zip")).doesNotExist();
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
      }
      resumesToTheUninterruptedRunsWeights("stopped.zip", kept);
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /** Whether process {@code pid} ignores SIGINT (bit 2 of SigIgn in /proc); false where unknown. */
  private static boolean ignoresSigint(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("SigIgn:"))
          .anyMatch(line -> (Long.parseLong(line.substring(7).strip(), 16) & 2) != 0);
    } catch (Exception e) {
      return false;
    }
  }

  private static int epochOf(Path checkpoint) {
    try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
      return new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("checkpoint.json"))).path("epoch").asInt();
    } catch (Exception e) {
      return 0; // not written yet
    }
  }

  private static byte[] entry(Path zipFile, String name) throws Exception {
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      return zip.getInputStream(zip.getEntry(name)).readAllBytes();
    }
  }
}
