package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms real files come in train as a clean file does, through the shaded CLI, without
 * flags: the same rows gzip-compressed, with a byte order mark and CRLF line ends, quoted, or
 * ';'-separated with decimal commas give a model with the very same weights; fractions rounded to
 * six decimals are accepted and the run says how many rows it divided by their sum.
 */
class MessyFilesIT {
  private static final int ROWS = 60;

  @TempDir
  static Path dir;
  static double[][] rows;
  static byte[] cleanWeights;

  @BeforeAll
  static void trainOnTheCleanFile() throws Exception {
    Random random = new Random(7);
    rows = new double[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      double a = random.nextInt(1000) / 100.0;
      double b = random.nextInt(1000) / 100.0;
      int y1 = 1 + random.nextInt(8);
      int y2 = 1 + random.nextInt(8);
      rows[i] = new double[] {a, b, y1 / 16.0, y2 / 16.0, (16 - y1 - y2) / 16.0};
    }
    Path clean = dir.resolve("clean.csv");
    Files.writeString(clean, text(",", ".", "\n", false));
    cleanWeights = weights(train(clean, "clean.zip").expectSuccess(), "clean.zip");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gzip", "bom-crlf-quoted", "semicolon-decimal-comma", "tab"})
  void aMessyFormOfTheSameRowsTrainsTheSameModel(String form) throws Exception {
    Path file;
    String note = null;
    switch (form) {
      case "gzip" -> {
        file = dir.resolve("rows.csv.gz");
        Files.write(file, gzip(text(",", ".", "\n", false).getBytes(StandardCharsets.UTF_8)));
      }
      case "bom-crlf-quoted" -> {
        file = dir.resolve("bom.csv");
        Files.writeString(file, "\uFEFF" + text(",", ".", "\r\n", true));
      }
      case "semicolon-decimal-comma" -> {
        file = dir.resolve("excel.csv");
        Files.writeString(file, text(";", ",", "\r\n", false));
        note = "';'-separated values with decimal commas";
      }
      default -> {
        file = dir.resolve("rows.tsv");
        Files.writeString(file, text("\t", ".", "\n", false));
        note = "tab-separated";
      }
    }
    String model = form + ".zip";
    Cli.Result r = train(file, model).expectSuccess();
    if (note != null) {
      assertThat(r.err()).contains("read as").contains(note);
    }
    assertThat(weights(r, model)).as("weights of a model trained on the %s file", form).isEqualTo(cleanWeights);
  }

  @Test
  void fractionsRoundedToSixDecimalsTrainWithoutFlags() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y1,y2,y3\n");
    for (int i = 0; i < ROWS; i++) {
      // thirds and sevenths written with six decimals sum to 0.999999 or 1.000001
      csv.append(i).append(',').append(i % 5).append(i % 2 == 0 ? ",0.333333,0.333333,0.333333\n"
          : ",0.428571,0.285714,0.285714\n");
    }
    Path file = dir.resolve("rounded.csv");
    Files.writeString(file, csv);
    Cli.Result r = train(file, "rounded.zip").expectSuccess();
    assertThat(r.err()).contains("divided " + ROWS + " rows of fractions by their sum");
    assertThat(dir.resolve("rounded.zip")).exists();
  }

  private static Cli.Result train(Path data, String model) throws Exception {
    return Cli.run(dir, "train", "--data", data.toString(), "--targets", "y*", "--arch", "linear", "--epochs", "3",
        "--validation", "0", "--out", dir.resolve(model).toString());
  }

  private static byte[] weights(Cli.Result r, String model) throws IOException {
    try (ZipFile zip = new ZipFile(dir.resolve(model).toFile())) {
      return zip.getInputStream(zip.getEntry("weights.safetensors")).readAllBytes();
    }
  }

  /** The rows as text: separator, decimal mark and line end as given; names and values quoted or not. */
  private static String text(String separator, String decimalMark, String lineEnd, boolean quoted) {
    String q = quoted ? "\"" : "";
    StringBuilder s = new StringBuilder();
    String[] header = {"a", "b", "y1", "y2", "y3"};
    for (int j = 0; j < header.length; j++) {
      s.append(j == 0 ? "" : separator).append(q).append(header[j]).append(q);
    }
    s.append(lineEnd);
    for (double[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        String v = String.format(Locale.ROOT, "%s", row[j]).replace(".", decimalMark);
        s.append(j == 0 ? "" : separator).append(q).append(v).append(q);
      }
      s.append(lineEnd);
    }
    return s.toString();
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content);
    }
    return bytes.toByteArray();
  }
}
