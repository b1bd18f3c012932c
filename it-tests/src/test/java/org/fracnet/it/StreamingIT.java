package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fracnet.bench.TaskGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming a file through its binary cache, as a user runs it: the cache is written once and
 * reused while the file is unchanged, rebuilt when it changes; a heap too small for the file makes
 * {@code --data-mode auto} stream it; a bad row fails as it does in memory; what cannot stream
 * says so; {@code --dry-run} prints both memory needs.
 */
class StreamingIT {
  @TempDir
  Path dir;

  @BeforeEach
  void writeTheTask() throws Exception {
    TaskGenerator task = new TaskGenerator(7);
    task.write(dir.resolve("train.csv.gz"), 40_000);
    task.write(dir.resolve("test.csv"), 4_000);
  }

  /** {@code train} streamed on {@code file}, with progress lines (the cache's lines are among them). */
  private Cli.Result stream(String file, String out, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", file, "--targets", "y*",
        "--cache-dir", "cache", "--epochs", "2", "--data-mode", "stream", "--out", out, "--force"));
    args.addAll(List.of(more));
    return Cli.run(dir, args.toArray(String[]::new));
  }

  @Test
  void aStreamedFileIsCachedOnceReusedWhileUnchangedAndRebuiltWhenChanged() throws Exception {
    Cli.Result first = stream("train.csv.gz", "streamed.zip").expectSuccess();
    assertThat(first.err()).contains("reading train.csv.gz once into a binary cache").contains("cached 40000 rows");
    assertThat(first.out()).contains("validation loss").contains("model written to streamed.zip")
        .containsPattern("held-out \\(\\d+ rows\\): KL 0\\.\\d+ \\(always predicting the training mean");

    Cli.Result second = stream("train.csv.gz", "again.zip").expectSuccess();
    assertThat(second.err()).contains("reusing the binary cache of train.csv.gz").doesNotContain("once into");

    Cli.Result evaluated = Cli.run(dir, "evaluate", "--model", "streamed.zip", "--data", "test.csv").expectSuccess();
    assertThat(evaluated.out()).contains("evaluated on 4000 rows");
    Cli.run(dir, "predict", "--model", "streamed.zip", "--data", "test.csv", "--out", "p.csv").expectSuccess();
    Cli.run(dir, "predict", "--model", "again.zip", "--data", "test.csv", "--out", "p2.csv").expectSuccess();
    assertThat(Files.readAllLines(dir.resolve("p.csv"))).hasSize(4001)
        .as("the same rows, split and shuffled alike: the same model").isEqualTo(Files.readAllLines(dir.resolve("p2.csv")));

    new TaskGenerator(8).write(dir.resolve("train.csv.gz"), 40_000); // other rows, the same name
    Cli.Result changed = stream("train.csv.gz", "changed.zip").expectSuccess();
    assertThat(changed.err()).contains("reading train.csv.gz once into a binary cache").doesNotContain("reusing");
  }

  @Test
  void autoStreamsAFileThatWouldNotFitTheHeapAndDryRunSaysSoFirst() throws Exception {
    List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
        "-XX:+UseSerialGC", "-jar", Cli.jar().toAbsolutePath().toString());
    List<String> args = List.of("train", "--data", "train.csv.gz", "--targets", "y*", "--cache-dir", "cache",
        "--epochs", "1", "--trainer", "java", "--out", "auto.zip");
    Cli.Result plan = Cli.runCommand(dir, Map.of(), 5, concat(java, args, List.of("--dry-run")));
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("40,000 rows").contains("32 features, 6 classes")
        .contains("in memory: about").contains("streamed:  about").contains("it would be streamed");
    assertThat(Files.exists(dir.resolve("auto.zip"))).as("a dry run trains nothing").isFalse();

    Cli.Result r = Cli.runCommand(dir, Map.of(), 5, concat(java, args, List.of()));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("streamed (--data-mode auto");
    assertThat(Files.exists(dir.resolve("auto.zip"))).isTrue();

    Cli.Result inMemory = Cli.runCommand(dir, Map.of(), 5, concat(java, args, List.of("--data-mode", "memory",
        "--force")));
    assertThat(inMemory.exitCode()).isEqualTo(2); // the same heap is too small for the rows in memory
    assertThat(inMemory.err()).containsAnyOf("does not fit in memory", "ran out of memory");
  }

  @Test
  void aBadRowFailsAsInMemoryAndWhatCannotStreamSaysWhatToDo() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,b,y1,y2\n1,2,0.5,0.5\n3,x,0.5,0.5\n");
    Cli.Result streamed = Cli.run(dir, "train", "--data", "bad.csv", "--targets", "y*", "--data-mode", "stream",
        "--cache-dir", "cache", "--out", "m.zip");
    Cli.Result inMemory = Cli.run(dir, "train", "--data", "bad.csv", "--targets", "y*", "--data-mode", "memory",
        "--out", "m.zip");
    assertThat(streamed.exitCode()).isEqualTo(2);
    assertThat(streamed.err().lines().filter(l -> l.startsWith("fracnet: error")).toList())
        .isEqualTo(inMemory.err().lines().filter(l -> l.startsWith("fracnet: error")).toList())
        .singleElement().asString().contains("bad.csv line 3").contains("column b");

    Cli.Result lbfgs = stream("train.csv.gz", "l.zip", "--optimizer", "lbfgs");
    assertThat(lbfgs.exitCode()).isEqualTo(2);
    assertThat(lbfgs.err()).contains("needs every row in memory").contains("--data-mode memory")
        .doesNotContain("StreamConfig");
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }
}
