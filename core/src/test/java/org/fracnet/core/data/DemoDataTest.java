package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  @Test
  void bundledFileIsExactlyTheGeneratorsOutputForItsSeed() throws Exception {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    DemoData.generate(DemoData.BUNDLED_ROWS, DemoData.BUNDLED_SEED, generated);
    try (InputStream in = DemoData.csv()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(generated.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void datasetIsTheBundledFileAsCountsWithGroupIds() {
    Dataset d = DemoData.dataset();
    assertThat(d.rows()).isEqualTo(DemoData.BUNDLED_ROWS);
    assertThat(d.classNames()).containsExactly(DemoData.CLASSES);
    assertThat(d.featureNames()).containsExactly(DemoData.FEATURES);
    assertThat(d.idColumn()).isEqualTo("group_id");
    assertThat(d.id(0)).isEqualTo("g0001");
    assertThat(d.weightsAreCounts()).isTrue();
    assertThat(d.weights()[0]).as("a group's size, 20 to 300 people").isBetween(20.0, 300.0);
    assertThat(d.source()).isEqualTo("demo-commute.csv (bundled)");
  }

  @Test
  void datasetEqualsTheFileReadWithItsSpec(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("demo.csv");
    try (InputStream in = DemoData.csv()) {
      java.nio.file.Files.copy(in, file);
    }
    Dataset fromFile = Dataset.readCsv(file, DemoData.spec());
    Dataset bundled = DemoData.dataset();
    assertThat(bundled.features()).containsExactly(fromFile.features());
    assertThat(bundled.targets()).containsExactly(fromFile.targets());
    assertThat(bundled.weights()).containsExactly(fromFile.weights());
    assertThat(List.of(bundled.id(1999))).containsExactly(fromFile.id(1999));
  }
}
