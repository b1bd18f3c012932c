package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are never lost: an existing model survives a second run without {@code --force}, and a
 * write that hits a real limit of the machine (a full disk, the file size limit) leaves the
 * previous model as it was, no temporary file, and one line that says what happened. Running out
 * of memory is one line too.
 */
class OutputsIT {
  @TempDir
  Path dir;

  /** A model trained before, whose bytes must survive. */
  private byte[] previous;

  @BeforeEach
  void trainAModel() throws Exception {
    Cli.run(dir, "train", "--trainer", "java", "--epochs", "1", "--quiet", "--out", "model.zip").expectSuccess();
    previous = Files.readAllBytes(dir.resolve("model.zip"));
  }

  private List<String> filesIn(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anExistingModelSurvivesASecondTrainWithoutForce() throws Exception {
    long start = System.nanoTime();
    Cli.Result again = Cli.run(dir, "train", "--trainer", "java", "--epochs", "1", "--out", "model.zip");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err().lines().toList()).containsExactly(
        "fracnet: error: the model file model.zip exists; --force replaces it");
    assertThat((System.nanoTime() - start) / 1e9).as("refused before training, in seconds").isLessThan(20);
    assertThat(Files.readAllBytes(dir.resolve("model.zip"))).isEqualTo(previous);

    Cli.run(dir, "train", "--trainer", "java", "--epochs", "2", "--quiet", "--out", "model.zip", "--force")
        .expectSuccess();
    assertThat(Files.readAllBytes(dir.resolve("model.zip"))).isNotEqualTo(previous);
  }

  @Test
  void theFileSizeLimitLeavesThePreviousModelAndNoTemporaryFile() throws Exception {
    // bash's ulimit -f counts KiB; the JVM ignores SIGXFSZ, so the write fails with EFBIG
    Cli.Result r = Cli.runCommand(dir, Map.of(), 2, List.of("bash", "-c", "ulimit -f 8 && exec \"$0\" \"$@\"",
        javaPath(), "-XX:-UsePerfData", "-jar", Cli.jar().toAbsolutePath().toString(), "train", "--trainer", "java",
        "--epochs", "1", "--quiet", "--no-checkpoint", "--out", "model.zip", "--force"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly("fracnet: error: model.zip cannot be written: the file would"
        + " exceed this process's file size limit (ulimit -f), which stopped it at 8.0 KiB; raise the limit"
        + " (ulimit -f unlimited) or write a smaller file; the previous model.zip is unchanged");
    assertThat(Files.readAllBytes(dir.resolve("model.zip"))).isEqualTo(previous);
    assertThat(filesIn(dir)).containsExactly("model.zip");
  }

  @Test
  void aFullDiskLeavesThePreviousModelAndNoTemporaryFile() throws Exception {
    // the shell checks what is left on the small disk, which only it sees
    Files.copy(dir.resolve("model.zip"), dir.resolve("previous.zip"));
    Cli.Result r = onSmallDisk("size=64k", "cp previous.zip small/model.zip\n"
        + "\"$0\" -XX:-UsePerfData -jar \"$1\" train --trainer java --hidden 256,256 --epochs 1 --quiet"
        + " --no-checkpoint --out small/model.zip --force 2> err.txt\n"
        + "echo \"exit $?\"\n"
        + "cmp -s previous.zip small/model.zip && echo unchanged\n"
        + "ls -A small\n");
    assertThat(r.out().lines().toList()).containsExactly("exit 2", "unchanged", "model.zip");
    assertThat(Files.readString(dir.resolve("err.txt")))
        .matches("fracnet: error: small/model\\.zip cannot be written: the disk is full \\(no space left on device\\):"
            + " only [0-9.]+ KiB of it fit in .*/small; free some space or write to another disk; the previous"
            + " model\\.zip is unchanged\\R");
  }

  @Test
  void aReadOnlyFolderIsRefusedBeforeTraining() throws Exception {
    Cli.Result r = onSmallDisk("size=64k,ro", "\"$0\" -jar \"$1\" train --trainer java --out small/model.zip\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly("fracnet: error: the model file small/model.zip cannot be"
        + " written: no file can be made in the folder " + dir.resolve("small") + " (the file system is read-only);"
        + " write it elsewhere or change the folder's permissions");
  }

  /**
   * Runs {@code script} in bash with a tmpfs mounted with {@code options} on the folder
   * {@code small}, in a mount namespace of its own (as root, or in a user namespace), so the mount
   * vanishes with the shell whatever happens to this test; {@code $0} is java, {@code $1} the
   * shaded jar. Skips the test, saying why, where no tmpfs can be mounted.
   */
  private Cli.Result onSmallDisk(String options, String script) throws Exception {
    Files.createDirectory(dir.resolve("small"));
    Cli.Result r = Cli.runCommand(dir, Map.of(), 2, List.of("unshare", "--map-root-user", "--mount", "bash", "-c",
        "mount -t tmpfs -o " + options + " fracnet-test small || exit 99\n" + script, javaPath(),
        Cli.jar().toAbsolutePath().toString()));
    Assumptions.assumeTrue(r.exitCode() != 99 && !r.err().contains("unshare:"),
        "no tmpfs can be mounted here (it needs root or user namespaces): " + r.err().strip());
    return r;
  }

  @Test
  void runningOutOfMemoryIsOneLineSayingHowToGiveMore() throws Exception {
    // 4096 x 4096 weights are 64 MiB, more than the whole heap
    Cli.Result r = Cli.runCommand(dir, Map.of(), 2, List.of(javaPath(), "-Xmx64m", "-jar",
        Cli.jar().toAbsolutePath().toString(), "train", "--trainer", "java", "--hidden", "4096,4096", "--epochs", "1",
        "--quiet", "--out", "big.zip"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).matches("fracnet: error: fracnet ran out of memory while training \\(the Java heap is"
        + " limited to 6[0-4] MiB\\); give it more, e\\.g\\. FRACNET_JAVA_OPTS=-Xmx2g \\./fracnet \\.\\.\\., or"
        + " java -Xmx2g -jar " + Pattern.quote(Cli.jar().getFileName().toString()) + " \\.\\.\\.\\R");
    assertThat(filesIn(dir)).containsExactly("model.zip");
  }

  private static String javaPath() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
