package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fracnet.core.FracnetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data set larger than the heap ends in a message, not an {@link OutOfMemoryError}: read for
 * real in a second JVM with a 32 MB heap.
 */
class OutOfMemoryTest {
  @TempDir
  Path dir;

  /** Reads {@code args[0]} with targets {@code y*} and prints the rows, or the error's message and exits 2. */
  public static void main(String[] args) {
    try {
      System.out.println("rows " + Dataset.readCsv(Path.of(args[0]), DatasetSpec.fractions("y*")).rows());
    } catch (FracnetException e) {
      System.out.println(e.getMessage());
      System.exit(2);
    }
  }

  @Test
  void aFileLargerThanTheHeapSaysWhatItNeedsAndHowToGiveIt() throws IOException, InterruptedException {
    Path file = dir.resolve("big.csv");
    long rows = 1_000_000; // 22 bytes a line, 88 bytes a row in memory
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("a,b,c,d,e,f,g,h,y1,y2\n");
      for (long i = 0; i < rows; i++) {
        w.write("1,2,3,4,5,6,7,8,1,0\n");
      }
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(javaBin, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
        OutOfMemoryTest.class.getName(), file.toString()))
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).doesNotContain("OutOfMemoryError").doesNotContain("\n");
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out).matches(java.util.regex.Pattern.quote(file + " (19 MB) does not fit in memory: the heap of ")
        + "\\d+ MB was full after \\d+ rows, about \\d+ % of the file; its ~?\\d+ rows need about \\d+ MB for the"
        + " values; give Java more memory, about 1 GB: with the fracnet launcher FRACNET_JAVA_OPTS=-Xmx1g, with"
        + " plain java: java -Xmx1g");
    long estimated = Long.parseLong(out.replaceAll(".*its ~?(\\d+) rows.*", "$1"));
    assertThat(estimated).isBetween(rows * 8 / 10, rows * 12 / 10);
  }

  @Test
  void withoutAFileSizeTheMessageAdvisesTwiceTheHeap() {
    long heapGb = (2 * Runtime.getRuntime().maxMemory() + (1L << 30) - 1) >> 30;
    assertThat(OutOfMemory.error("survey", -1, -1, 1000, 88, null).getMessage())
        .startsWith("survey does not fit in memory: the heap of ")
        .endsWith(" was full after 1000 rows; give Java more memory, about " + Math.max(1, heapGb) + " GB: with the"
            + " fracnet launcher FRACNET_JAVA_OPTS=-Xmx" + Math.max(1, heapGb) + "g, with plain java: java -Xmx"
            + Math.max(1, heapGb) + "g");
    assertThat(OutOfMemory.size(3L << 29)).isEqualTo("1.5 GB");
    assertThat(OutOfMemory.size(1000)).isEqualTo("1 MB");
  }
}
