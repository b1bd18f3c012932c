package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fracnet.core.FracnetException;

/**
 * Properties of the CSV reader, on files written to disk: a valid data set written in any of the
 * forms the reader takes (column order, quoting, separators and decimal marks, number formats, LF
 * or CRLF, a byte order mark, gzip) reads back exactly; and a valid file damaged at random (bits
 * flipped, bytes inserted, deleted or repeated, the end cut off) reads as a data set or fails with
 * a {@link FracnetException} whose message is one line, names the file and shows no Java class
 * name, within a few seconds.
 *
 * <p>Each property runs jqwik's default number of tries (1000) from a fixed seed, so a build is
 * deterministic and quick. A longer fuzz run takes more tries (the seed stays fixed; the tries go
 * on past the first 1000):
 * <pre>
 * mvn -B -o test -pl core -Dtest=CsvReaderProperties -Djqwik.tries.default=100000
 * </pre>
 */
class CsvReaderProperties {
  private static final Pattern CLASS_NAME = Pattern.compile("\\b(java|javax|org|com|sun|jdk)\\.[a-z]+\\.|[A-Z][a-zA-Z]+(Exception|Error)\\b");
  private static final String NAME_CHARS = "abcxyz019_ -.,;\"'\t\n\u00e9\u4e2d";
  private static Path dir;

  @BeforeContainer
  static void makeDir() throws IOException {
    dir = Files.createTempDirectory("csv-properties");
  }

  @AfterContainer
  static void removeDir() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(seed = "20261213")
  void aValidFileReadsBackExactly(@ForAll long seed) throws IOException {
    ValidFile f = ValidFile.random(new Random(seed));
    Path file = f.write(dir);
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(file, f.spec, warnings::add);
    assertThat(d.rows()).isEqualTo(f.rows);
    assertThat(d.featureNames()).isEqualTo(f.featureOrder);
    assertThat(d.classNames()).isEqualTo(f.classes);
    assertThat(d.features()).containsExactly(f.x);
    assertThat(d.targets()).containsExactly(f.p);
    assertThat(d.weights()).containsExactly(f.w);
    for (int i = 0; i < f.rows; i++) {
      assertThat(d.id(i)).isEqualTo(f.ids == null ? null : f.ids[i]);
    }
    assertThat(warnings.stream().filter(m -> m.contains("read as")).count()).isEqualTo(f.separator == ',' ? 0 : 1);
    assertThat(warnings.stream().anyMatch(m -> m.contains("only within rounding"))).isEqualTo(f.rounded > 0);
    List<FeatureTable> chunks = new ArrayList<>();
    CsvDatasetReader.forEachFeatureChunk(file, f.featureOrder, f.idColumn, 3, chunks::add);
    double[] x = chunks.stream().flatMapToDouble(c -> Arrays.stream(c.x())).toArray();
    assertThat(x).containsExactly(f.x);
  }

  @Property(seed = "20261213")
  void aDamagedFileReadsOrFailsWithACleanMessage(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    ValidFile f = ValidFile.random(random);
    byte[] bytes = damage(f.bytes(), random);
    Path file = dir.resolve(f.fileName);
    Files.write(file, bytes);
    DatasetSpec spec = random.nextBoolean() ? f.spec : new DatasetSpec(f.spec.targets(), f.spec.targetKind(),
        f.spec.weightColumn(), f.spec.features(), f.spec.idColumn(), InvalidRows.SKIP);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      clean(file, () -> CsvDatasetReader.read(file, spec, m -> clean(file, m)));
      clean(file, () -> CsvDatasetReader.forEachFeatureChunk(file, f.featureOrder, f.idColumn, 4, c -> { }));
    });
  }

  /** Runs {@code read}; a failure must be a {@link FracnetException} with a clean message. */
  private static void clean(Path file, Runnable read) {
    try {
      read.run();
    } catch (FracnetException e) {
      clean(file, e.getMessage());
    }
  }

  private static void clean(Path file, String message) {
    assertThat(message).startsWith(file.toString()).doesNotContain("\n").doesNotContain("\r");
    assertThat(CLASS_NAME.matcher(message).find()).as("a class name in: %s", message).isFalse();
  }

  /** {@code bytes} with one to three random damages. */
  static byte[] damage(byte[] bytes, Random random) {
    byte[] out = bytes;
    int damages = 1 + random.nextInt(3);
    for (int i = 0; i < damages && out.length > 0; i++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(5)) {
        case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> out = Arrays.copyOf(out, at);
        case 2 -> {
          byte[] junk = {'"', ',', ';', '\t', '\n', '\r', 0, (byte) 0xff, (byte) 0xc3, (byte) 0xe2, 'e', '-', '.',
              (byte) random.nextInt(256)};
          byte b = junk[random.nextInt(junk.length)];
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = b;
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
        case 3 -> {
          int n = Math.min(1 + random.nextInt(3), out.length - at);
          byte[] shorter = new byte[out.length - n];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + n, shorter, at, out.length - at - n);
          out = shorter;
        }
        default -> {
          int n = Math.min(1 + random.nextInt(20), out.length - at);
          byte[] longer = new byte[out.length + n];
          System.arraycopy(out, 0, longer, 0, at + n);
          System.arraycopy(out, at, longer, at + n, out.length - at);
          out = longer;
        }
      }
    }
    return out;
  }

  /** A random valid data set written as a file, and what reading it must give. */
  static final class ValidFile {
    String fileName;
    DatasetSpec spec;
    int rows;
    char separator;
    List<String> featureOrder;
    List<String> classes;
    String idColumn;
    double[] x;
    double[] p;
    double[] w;
    String[] ids;
    int rounded;
    private String text;
    private boolean bom;
    private boolean gzip;

    static ValidFile random(Random r) {
      ValidFile f = new ValidFile();
      int d = 1 + r.nextInt(4);
      int k = 2 + r.nextInt(4);
      f.rows = 1 + r.nextInt(12);
      boolean counts = r.nextInt(3) == 0;
      boolean weighted = r.nextInt(3) == 0;
      boolean withIds = r.nextBoolean();
      f.separator = new char[] {',', ',', ';', '\t'}[r.nextInt(4)];
      char mark = f.separator == ',' || r.nextBoolean() ? '.' : ',';
      List<String> names = uniqueNames(r, d + k + (weighted ? 1 : 0) + (withIds ? 1 : 0));
      List<String> features = names.subList(0, d);
      f.classes = new ArrayList<>(names.subList(d, d + k));
      String weight = weighted ? names.get(d + k) : null;
      f.idColumn = withIds ? names.get(names.size() - 1) : null;
      List<String> columns = new ArrayList<>(names);
      Collections.shuffle(columns, r);
      boolean listFeatures = r.nextBoolean();
      if (listFeatures) {
        f.featureOrder = new ArrayList<>(features);
        Collections.shuffle(f.featureOrder, r);
      } else {
        f.featureOrder = columns.stream().filter(features::contains).toList();
      }
      Collections.shuffle(f.classes, r);
      f.spec = new DatasetSpec(specList(f.classes), counts ? TargetKind.COUNTS : TargetKind.FRACTIONS, weight,
          listFeatures ? specList(f.featureOrder) : null, f.idColumn);

      String[][] cells = new String[f.rows][columns.size()];
      f.x = new double[f.rows * d];
      f.p = new double[f.rows * k];
      f.w = new double[f.rows];
      f.ids = withIds ? new String[f.rows] : null;
      for (int i = 0; i < f.rows; i++) {
        String[] row = cells[i];
        for (int j = 0; j < d; j++) {
          BigDecimal v = BigDecimal.valueOf(r.nextInt(199_999) - 99_999, r.nextInt(7));
          row[columns.indexOf(f.featureOrder.get(j))] = number(v, r, mark, true);
          f.x[i * d + j] = Double.parseDouble(v.toString());
        }
        BigDecimal[] targets = counts ? counts(r, k) : fractions(r, k);
        double total = 0;
        double[] parsed = new double[k];
        for (int j = 0; j < k; j++) {
          row[columns.indexOf(f.classes.get(j))] = number(targets[j], r, mark, false);
          parsed[j] = Double.parseDouble(targets[j].toString());
          total += parsed[j];
        }
        boolean divide = counts || Math.abs(total - 1) > RowValidation.NOISE;
        f.rounded += !counts && divide ? 1 : 0;
        for (int j = 0; j < k; j++) {
          f.p[i * k + j] = divide ? parsed[j] / total : parsed[j];
        }
        f.w[i] = counts ? total : 1;
        if (weighted) {
          BigDecimal v = BigDecimal.valueOf(1 + r.nextInt(9999), r.nextInt(3));
          row[columns.indexOf(weight)] = number(v, r, mark, true);
          f.w[i] *= Double.parseDouble(v.toString());
        }
        if (withIds) {
          f.ids[i] = randomText(r, 0, 6);
          row[columns.indexOf(f.idColumn)] = f.ids[i];
        }
      }
      String eol = r.nextBoolean() ? "\n" : "\r\n";
      StringBuilder text = new StringBuilder();
      line(text, columns.toArray(String[]::new), f.separator, r);
      for (String[] row : cells) {
        text.append(eol);
        line(text, row, f.separator, r);
      }
      if (r.nextBoolean()) {
        text.append(eol);
      }
      f.text = text.toString();
      f.bom = r.nextInt(4) == 0;
      f.gzip = r.nextInt(4) == 0;
      f.fileName = f.gzip && r.nextBoolean() ? "data.csv.gz" : "data.csv";
      return f;
    }

    /** The file's bytes: UTF-8 text, perhaps after a byte order mark, perhaps gzip-compressed. */
    byte[] bytes() throws IOException {
      byte[] utf8 = ((bom ? "\uFEFF" : "") + text).getBytes(StandardCharsets.UTF_8);
      return gzip ? CsvInputTest.gzip(utf8) : utf8;
    }

    Path write(Path dir) throws IOException {
      Path file = dir.resolve(fileName);
      Files.write(file, bytes());
      return file;
    }

    private static List<String> uniqueNames(Random r, int n) {
      List<String> names = new ArrayList<>();
      while (names.size() < n) {
        String name = r.nextInt(3) == 0 ? randomText(r, 1, 8).strip() : "c" + names.size();
        if (!name.isEmpty() && !names.contains(name)) {
          names.add(name);
        }
      }
      return names;
    }

    private static String randomText(Random r, int min, int max) {
      StringBuilder s = new StringBuilder();
      int n = min + r.nextInt(max - min + 1);
      for (int i = 0; i < n; i++) {
        s.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
      }
      return s.toString();
    }

    /** Names as a column spec: each in double quotes, so that any name selects itself. */
    private static String specList(List<String> names) {
      return String.join(",", names.stream().map(n -> "\"" + n.replace("\"", "\"\"") + "\"").toList());
    }

    /** k fractions of 10^-s: exact ones summing to 1, or rounded shares of random weights. */
    private static BigDecimal[] fractions(Random r, int k) {
      int s = r.nextInt(7);
      BigDecimal[] out = new BigDecimal[k];
      if (r.nextBoolean() && s >= 2) {
        double[] share = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
          share[j] = r.nextDouble();
          sum += share[j];
        }
        for (int j = 0; j < k; j++) {
          out[j] = BigDecimal.valueOf(share[j] / sum).setScale(s, java.math.RoundingMode.HALF_UP);
        }
        return out;
      }
      long unit = BigDecimal.TEN.pow(s).longValueExact();
      long left = unit;
      for (int j = 0; j < k; j++) {
        long c = j == k - 1 ? left : (long) (r.nextDouble() * (left + 1));
        left -= c;
        out[j] = BigDecimal.valueOf(c, s);
      }
      return out;
    }

    /** k counts with a positive total, whole or with a fractional part. */
    private static BigDecimal[] counts(Random r, int k) {
      BigDecimal[] out = new BigDecimal[k];
      int scale = r.nextInt(3);
      for (int j = 0; j < k; j++) {
        out[j] = BigDecimal.valueOf(r.nextInt(1000), scale);
      }
      if (Arrays.stream(out).allMatch(c -> c.signum() == 0)) {
        out[r.nextInt(k)] = BigDecimal.ONE;
      }
      return out;
    }

    /**
     * {@code v} in one of the forms a number may take: 0.5, .5, 5e-1, 5.0E-1, +0.5, and, when
     * {@code pad}, 0.50 (not for targets: a padded value would claim more precision than the
     * others of its row were rounded to).
     */
    private static String number(BigDecimal v, Random r, char mark, boolean pad) {
      int form = r.nextInt(6);
      String s = switch (form == 4 && !pad ? 0 : form) {
        case 0 -> v.toPlainString();
        case 1 -> v.stripTrailingZeros().toPlainString().replaceFirst("^(-?)0\\.", "$1.");
        case 2 -> v.unscaledValue() + "e" + (-v.scale());
        case 3 -> {
          BigDecimal stripped = v.stripTrailingZeros();
          if (stripped.signum() == 0) {
            yield "0.0E0";
          }
          int exponent = stripped.precision() - stripped.scale() - 1;
          yield stripped.movePointLeft(exponent).toPlainString() + "E" + exponent;
        }
        case 4 -> v.setScale(v.scale() + 1).toPlainString();
        default -> (v.signum() >= 0 ? "+" : "") + v.toPlainString();
      };
      return mark == ',' ? s.replace('.', ',') : s;
    }

    /** One line of cells: quoted when they must be, or at random; spaces around some unquoted ones. */
    private static void line(StringBuilder out, String[] cells, char separator, Random r) {
      for (int c = 0; c < cells.length; c++) {
        if (c > 0) {
          out.append(separator);
        }
        String cell = cells[c];
        boolean mustQuote = cell.chars().anyMatch(ch -> ch == ',' || ch == ';' || ch == '\t' || ch == '"'
            || ch == '\n' || ch == '\r') || !cell.equals(cell.strip());
        if (mustQuote || r.nextInt(5) == 0) {
          out.append(r.nextInt(4) == 0 ? " " : "").append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else if (!cell.isEmpty() && r.nextInt(5) == 0) {
          out.append(' ').append(cell).append(' ');
        } else {
          out.append(cell);
        }
      }
    }
  }
}
