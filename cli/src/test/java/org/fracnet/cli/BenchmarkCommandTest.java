package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fracnet benchmark} end to end on a small generated file, beside a published table. */
class BenchmarkCommandTest {
  private static final String PUBLISHED = """
      ### A paper, 10-fold CV

      KL (lower better)

      | dataset | SA-BFGS | OtherMethod |
      | --- | --- | --- |
      | Tiny | 0.5 ± 0.1 | 0.001 ± 0.0001 |
      """;

  @TempDir
  Path dir;

  private final CliRun cli = new CliRun();

  @Test
  void printsTheTablesAndWritesThemOnlyOnce() throws Exception {
    Path data = GeneratedCsv.write(dir.resolve("Tiny.csv"), 60);
    Path published = Files.writeString(dir.resolve("published.md"), PUBLISHED);
    Path report = dir.resolve("bench.md");
    String[] args = {"benchmark", data.toString(), "--published", published.toString(), "--folds", "3",
        "--recipes", "baseline,defaults", "--out", report.toString()};
    assertThat(cli.run(args)).as(cli.err.toString()).isZero();
    assertThat(cli.err.toString()).contains("Tiny: defaults fold 3 (6 of 6 runs)").contains("report written to " + report);
    assertThat(cli.out.toString()).contains("| set | baseline KL | defaults KL | SA-BFGS KL | best published KL |")
        .contains("0.5000 | 0.0010 (OtherMethod) |").contains("## Tiny").contains("60 rows, 4 features, 3 classes");
    assertThat(Files.readString(report)).startsWith("## Summary");
    assertThat(cli.run(args)).isEqualTo(2);
    assertThat(cli.err.toString()).contains("bench.md exists; --force replaces it");
  }

  @Test
  void unknownRecipesAndMissingReferencesAreOneLine() throws Exception {
    Path data = GeneratedCsv.write(dir.resolve("Tiny.csv"), 30);
    assertThat(cli.run("benchmark", data.toString(), "--published", dir.resolve("none.md").toString())).isEqualTo(2);
    assertThat(cli.err.toString()).contains("none.md does not exist; give the Markdown file of published results");
    Path published = Files.writeString(dir.resolve("published.md"), PUBLISHED);
    assertThat(cli.run("benchmark", data.toString(), "--published", published.toString(), "--recipes", "forest"))
        .isEqualTo(2);
    assertThat(cli.err.toString()).contains("--recipes forest is not known; use baseline, defaults or tuned");
  }
}
