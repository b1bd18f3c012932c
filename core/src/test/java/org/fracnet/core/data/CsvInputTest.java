package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.fracnet.core.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How files are read as text: encodings, binary files, gzip, line ends, quotes and separators. */
class CsvInputTest {
  @TempDir
  Path dir;

  private Path file(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path csv(String text) throws IOException {
    return file("data.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static Dataset read(Path file) {
    return CsvDatasetReader.read(file, DatasetSpec.fractions("y*"));
  }

  @Test
  void aLatin1FileNamesTheLineAndByteWhereItStopsBeingUtf8() throws IOException {
    byte[] text = "id,f,y1,y2\nabc,1,0.5,0.5\ncaf\u00e9,2,0.5,0.5\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = file("latin1.csv", text);
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, "id")))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " is not UTF-8 text: it stops being UTF-8 at line 3, byte offset 28 (the bytes 0xE9 0x2C"
            + " 0x32 0x2C; text from Excel or Windows is often Latin-1 or Windows-1252); save the file as UTF-8"
            + " (in Excel: Save As, CSV UTF-8) or convert it, e.g. iconv -f windows-1252 -t utf-8");
  }

  @Test
  void aFileCutInsideAMultiByteCharacterIsNotUtf8() throws IOException {
    byte[] whole = "f,y1,y2\n1,0.5,0.5\n\u20ac".getBytes(StandardCharsets.UTF_8);
    Path file = file("cut.csv", Arrays.copyOf(whole, whole.length - 1));
    assertThatThrownBy(() -> read(file))
        .hasMessageStartingWith(file + " is not UTF-8 text: it stops being UTF-8 at line 3, byte offset 18 (the bytes"
            + " 0xE2 0x82;");
  }

  @Test
  void binaryFilesAreRecognisedBeforeTheirBytesAreReadAsText() throws IOException {
    Path png = file("plot.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    assertThatThrownBy(() -> read(png))
        .hasMessage(png + " is not a CSV text file: it looks like an image; give the data as a CSV text file saved"
            + " as UTF-8");
    Path xlsx = file("data.xlsx", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
    assertThatThrownBy(() -> read(xlsx))
        .hasMessageStartingWith(xlsx + " is not a CSV text file: it looks like a zip archive (an Excel .xlsx"
            + " workbook is one; export the sheet as CSV UTF-8)");
    Path utf16 = file("utf16.csv", "\uFEFFf,y1,y2\n".getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> read(utf16))
        .hasMessage(utf16 + " is UTF-16 text, not UTF-8; give the data as a CSV text file saved as UTF-8"
            + " (in Excel: Save As, CSV UTF-8)");
  }

  @Test
  void aNulByteAnywhereSaysTheFileLooksBinary() throws IOException {
    StringBuilder text = new StringBuilder("f,y1,y2\n");
    for (int i = 0; i < 2000; i++) {
      text.append("1,0.5,0.5\n"); // 10 bytes a line: line 2 + i starts at byte 8 + 10 i
    }
    byte[] bytes = text.append("2,0.5,0.5\n").toString().getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 5] = 0; // in the last line, 2002, which starts at 20008
    Path late = file("late.csv", bytes);
    assertThatThrownBy(() -> read(late))
        .hasMessage(late + " is not a CSV text file: it looks binary (a NUL byte at line 2002, byte offset 20013);"
            + " give the data as a CSV text file saved as UTF-8");
    Path early = file("early.csv", new byte[] {'f', ',', 'y', '\r', '\n', 'a', 0, 'b'});
    assertThatThrownBy(() -> read(early))
        .hasMessageStartingWith(early + " is not a CSV text file: it looks binary (a NUL byte at line 2, byte offset 6)");
  }

  @Test
  void gzipIsReadByItsMagicBytesWhateverTheName() throws IOException {
    byte[] text = "f,y1,y2\n1,0.25,0.75\n2,1,0\n".getBytes(StandardCharsets.UTF_8);
    Dataset gz = read(file("data.csv.gz", gzip(text)));
    Dataset named = read(file("compressed.csv", gzip(text)));
    assertThat(gz.targets()).containsExactly(0.25, 0.75, 1, 0);
    assertThat(named.features()).containsExactly(1, 2);
  }

  @Test
  void aDamagedGzipFileSaysSoAndErrorsInsideOneCountTheDecompressedText() throws IOException {
    StringBuilder text = new StringBuilder("f,y1,y2\n");
    for (int i = 0; i < 5000; i++) {
      text.append(i).append(",0.5,0.5\n");
    }
    byte[] gz = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    Path cut = file("cut.csv.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(cut + " is gzip-compressed but damaged or cut short: its text stops near line ")
        .hasMessageEndingWith("; compress the CSV file again, or give it uncompressed");
    Path header = file("header.csv.gz", Arrays.copyOf(gz, 5));
    assertThatThrownBy(() -> read(header))
        .hasMessage(header + " starts as a gzip file but its gzip header is damaged or cut short; compress the CSV"
            + " file again, or give it uncompressed");
    Path latin = file("latin.csv.gz", gzip("f,y1,y2\n\u00e9,0.5,0.5\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertThatThrownBy(() -> read(latin))
        .hasMessageContaining("at line 2, byte offset 8 of the decompressed text (the bytes 0xE9");
  }

  @Test
  void aByteOrderMarkIsDroppedEvenBeforeAQuotedName() throws IOException {
    Dataset plain = read(csv("\uFEFFf,y1,y2\n1,0.5,0.5\n"));
    assertThat(plain.featureNames()).containsExactly("f");
    Dataset quoted = read(csv("\uFEFF\"f\",y1,y2\n1,0.5,0.5\n"));
    assertThat(quoted.featureNames()).containsExactly("f");
    assertThatThrownBy(() -> read(csv("\uFEFF")))
        .hasMessageEndingWith(" is empty; expected a header line naming the columns, then one line per row");
  }

  @Test
  void crlfAndCrLineEndsAreRead() throws IOException {
    Dataset crlf = read(csv("f,y1,y2\r\n1,0.5,0.5\r\n2,1,0\r\n"));
    assertThat(crlf.features()).containsExactly(1, 2);
    Dataset cr = read(csv("f,y1,y2\r1,0.5,0.5\r2,1,0"));
    assertThat(cr.targets()).containsExactly(0.5, 0.5, 1, 0);
    Path bad = csv("f,y1,y2\r\n1,0.5,0.5\r\n2,x,0\r\n");
    assertThatThrownBy(() -> read(bad)).hasMessageStartingWith(bad + " line 3, column y1: x is not a number");
  }

  @Test
  void quotedValuesHoldSeparatorsQuotesAndLineEndsAndLaterLinesKeepTheirNumbers() throws IOException {
    Path file = csv("id,\"f, one\",y1,y2\n\"a,\"\"b\"\"\nc\",1,0.5,0.5\n\" d \",\"2\",\"0.25\",0.75\ne,3,x,1\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, "id")))
        .hasMessageStartingWith(file + " line 5, column y1: x is not a number");
    Path ok = csv("id,\"f, one\",y1,y2\n\"a,\"\"b\"\"\nc\",1,0.5,0.5\n\" d \",\"2\",\"0.25\",0.75\n");
    Dataset d = CsvDatasetReader.read(ok, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, "id"));
    assertThat(d.featureNames()).containsExactly("f, one");
    assertThat(d.id(0)).isEqualTo("a,\"b\"\nc");
    assertThat(d.id(1)).isEqualTo(" d ");
    assertThat(d.features()).containsExactly(1, 2);
  }

  @Test
  void anUnclosedQuoteAndTextAfterAClosingQuoteNameTheirLine() throws IOException {
    Path open = csv("f,y1,y2\n1,0.5,0.5\n\"2,0.5,0.5\n3,0.5,0.5\n");
    assertThatThrownBy(() -> read(open))
        .isInstanceOf(DataException.class)
        .hasMessage(open + " line 3: a double quote opens a quoted value that is never closed; close the value with a"
            + " double quote (a double quote inside a quoted value is written twice: \"\")");
    Path after = csv("id,f,y1,y2\n\"a\nb\",1,0.5,0.5\nc,\"2\"x,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(after, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, "id")))
        .hasMessage(after + " line 4: text follows the closing double quote of a quoted value; end the value at its"
            + " closing quote, or write a double quote inside a quoted value twice: \"\"");
    Path header = csv("\"f\"g,y1,y2\n1,0.5,0.5\n");
    assertThatThrownBy(() -> read(header)).hasMessageStartingWith(header + " line 1: text follows the closing");
  }

  @Test
  void aSemicolonFileWithDecimalCommasIsReadAndSaysSo() throws IOException {
    Path file = csv("a;b;y1;y2\n1,5;2;0,25;0,75\n-3;4,25e-1;1;0\n");
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(file, DatasetSpec.fractions("y*"), warnings::add);
    assertThat(d.features()).containsExactly(1.5, 2, -3, 0.425);
    assertThat(d.targets()).containsExactly(0.25, 0.75, 1, 0);
    assertThat(warnings).containsExactly(file + ": read as ';'-separated values with decimal commas"
        + " (the header line has no comma)");
    List<String> predictWarnings = new ArrayList<>();
    List<FeatureTable> chunks = new ArrayList<>();
    CsvDatasetReader.forEachFeatureChunk(file, List.of("b", "a"), null, 10, chunks::add, predictWarnings::add);
    assertThat(chunks.get(0).x()).containsExactly(2, 1.5, 0.425, -3);
    assertThat(predictWarnings).isEqualTo(warnings);
  }

  @Test
  void aTabFileIsReadWithEitherDecimalMarkButOneMarkAFile() throws IOException {
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(csv("a\ty1\ty2\n1.5\t0.5\t0.5\n"), DatasetSpec.fractions("y*"), warnings::add);
    assertThat(d.features()).containsExactly(1.5);
    assertThat(warnings).singleElement().asString().endsWith("read as tab-separated values with decimal points"
        + " (the header line has no comma)");
    Path mixed = csv("a;y1;y2\n1;0,5;0,5\n2;0.5;0,5\n");
    assertThatThrownBy(() -> read(mixed))
        .hasMessage(mixed + " line 3, column y1: 0.5 has a decimal point but the numbers before it have decimal"
            + " commas (line 2, column y1: 0,5); write every number of the file with the same decimal mark");
    Path thousands = csv("a;y1;y2\n1.000,5;0,5;0,5\n");
    assertThatThrownBy(() -> read(thousands))
        .hasMessage(thousands + " line 2, column a: 1.000,5 has both a decimal point and a decimal comma; write"
            + " numbers without thousands separators");
  }

  @Test
  void aDecimalCommaInACommaFileGetsAHint() throws IOException {
    Path file = csv("a,y1,y2\n\"1,5\",0.5,0.5\n");
    assertThatThrownBy(() -> read(file))
        .hasMessage(file + " line 2, column a: 1,5 is not a number; expected a decimal such as 0.25 or 1.5e-3"
            + " (if this column is not a feature, give it as DatasetSpec.idColumn or list the features in"
            + " DatasetSpec.features) (write the decimal mark as a point: 1.5)");
  }

  @Test
  void controlCharactersInAValueAreShownEscapedOnOneLine() throws IOException {
    Path file = csv("a,y1,y2\n\"1\n2\u0007\",0.5,0.5\n");
    assertThatThrownBy(() -> read(file))
        .hasMessageStartingWith(file + " line 2, column a: 1\\n2\\u0007 is not a number;")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    String longValue = "x".repeat(100);
    Path wide = csv("a,y1,y2\n" + longValue + ",0.5,0.5\n");
    assertThatThrownBy(() -> read(wide)).hasMessageContaining(": " + "x".repeat(60) + "... is not a number");
  }

  @Test
  void aFolderIsNotAFile() {
    assertThatThrownBy(() -> read(dir)).hasMessage(dir + " is a folder, not a file; give the path of the CSV file");
  }
}
