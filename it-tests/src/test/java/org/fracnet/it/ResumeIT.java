package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training run killed mid-way resumes from its checkpoint to exactly the uninterrupted result. */
class ResumeIT {
  @TempDir
  Path dir;

  @Test
  void killedRunResumesToTheUninterruptedRunsWeights() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Cli.jar().toAbsolutePath().toString(), "train", "--epochs", "100000", "--patience", "100000",
        "--quiet", "--out", "long.zip"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("long.log").toFile()).start();
    Path checkpoint = dir.resolve("long.zip.checkpoint");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (epochOf(checkpoint) < 3) {
      assertThat(System.nanoTime()).as("a checkpoint of epoch 3 within 2 minutes").isLessThan(deadline);
      assertThat(p.isAlive()).as("training still runs").isTrue();
      Thread.sleep(50);
    }
    p.destroyForcibly().waitFor();
    int epoch = epochOf(checkpoint);
    String epochs = Integer.toString(epoch + 3);

    Cli.Result other = Cli.run(dir, "train", "--epochs", epochs, "--patience", "100000", "--seed", "7",
        "--quiet", "--out", "long.zip", "--resume");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("was written by another run (seed: 42 -> 7");

    Cli.Result resumed = Cli.run(dir, "train", "--epochs", epochs, "--patience", "100000", "--quiet",
        "--out", "long.zip", "--resume").expectSuccess();
    assertThat(resumed.out()).contains("resumed after epoch " + epoch).contains("trained " + epochs + " epochs");
    assertThat(checkpoint).doesNotExist();
    Cli.run(dir, "train", "--epochs", epochs, "--patience", "100000", "--quiet", "--out", "unbroken.zip")
        .expectSuccess();
    assertThat(entry(dir.resolve("long.zip"), "weights.safetensors"))
        .isEqualTo(entry(dir.resolve("unbroken.zip"), "weights.safetensors"));
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
