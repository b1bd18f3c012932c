package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.fracnet.core.data.DemoData;
import org.junit.jupiter.api.Test;

class BundledDemoDataTest {
  @Test
  void bundledFileIsExactlyTheGeneratorsOutputForItsSeed() throws Exception {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    DemoData.generate(DemoData.BUNDLED_ROWS, DemoData.BUNDLED_SEED, generated);
    try (InputStream in = DemoFiles.class.getResourceAsStream(DemoFiles.RESOURCE)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes())).isEqualTo(generated.toString());
    }
  }
}
