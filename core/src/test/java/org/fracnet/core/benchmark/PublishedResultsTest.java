package org.fracnet.core.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fracnet.core.DataException;
import org.fracnet.core.metrics.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published tables of the label-distribution literature, read from the reference file. */
class PublishedResultsTest {
  private static final Path REFERENCE = Path.of("src/test/resources/org/fracnet/core/benchmark/ldl-published.md");

  @Test
  void readsSaBfgsOnEverySixMeasureTableOfGonzalez2021a() {
    PublishedResults p = PublishedResults.read(REFERENCE);
    assertThat(p.of("Yeast_spo5", "SA-BFGS", Metric.KL)).get().extracting(PublishedResults.Value::value)
        .isEqualTo(0.0293);
    assertThat(p.of("SJAFFE", "SA-BFGS", Metric.CHEBYSHEV).get().value()).isEqualTo(0.1603);
    assertThat(p.of("Movie", "SA-BFGS", Metric.INTERSECTION).get().value()).isEqualTo(0.804);
    for (Metric m : PublishedResults.SIX) {
      assertThat(p.of("Yeast_alpha", "SA-BFGS", m)).as(m.key()).isPresent();
    }
  }

  @Test
  void theBestKlIsTakenOverEveryTenFoldTableOnly() {
    PublishedResults p = PublishedResults.read(REFERENCE);
    // LDLFs (González 2021b) beats StructRF on Yeast_alpha
    assertThat(p.best("Yeast_alpha", Metric.KL).get()).extracting(PublishedResults.Value::method,
        PublishedResults.Value::value).containsExactly("LDLFs", 0.0051);
    // Shen's sLDLF (10-fold) on Movie; Jia 2023's 10 x 5-fold 0.0376 on SJAFFE does not count
    assertThat(p.best("Movie", Metric.KL).get().value()).isEqualTo(0.073);
    assertThat(p.best("SJAFFE", Metric.KL).get()).extracting(PublishedResults.Value::method,
        PublishedResults.Value::value).containsExactly("DF-LDL", 0.0589);
    // higher is better for cosine
    assertThat(p.best("Yeast_spo5", Metric.COSINE).get().value()).isEqualTo(0.9762);
  }

  @Test
  void aFileWithoutComparableTablesIsRefused(@TempDir Path dir) throws Exception {
    Path other = Files.writeString(dir.resolve("x.md"), "# Notes\n\n| dataset | KL |\n| --- | --- |\n| A | 0.1 |\n");
    assertThatThrownBy(() -> PublishedResults.read(other)).isInstanceOf(DataException.class)
        .hasMessageContaining("no table of results under a 10-fold CV heading");
    assertThatThrownBy(() -> PublishedResults.read(dir.resolve("none.md"))).hasMessageContaining("does not exist");
  }
}
