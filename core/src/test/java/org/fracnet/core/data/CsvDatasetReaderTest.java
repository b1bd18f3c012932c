package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.DataException;
import org.fracnet.core.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {
  @TempDir
  Path dir;

  private Path csv(String text) throws IOException {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsFractionsFeaturesIdsAndGlobTargets() throws IOException {
    Path file = csv("id,f1,f2,y1,y2\na,1,2,0.25,0.75\nb,3,4.5e-1,1,0\n");
    Dataset d = CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, "id"));
    assertThat(d.rows()).isEqualTo(2);
    assertThat(d.featureNames()).containsExactly("f1", "f2");
    assertThat(d.classNames()).containsExactly("y1", "y2");
    assertThat(d.features()).containsExactly(1, 2, 3, 0.45);
    assertThat(d.targets()).containsExactly(0.25, 0.75, 1, 0);
    assertThat(d.weights()).containsExactly(1, 1);
    assertThat(d.id(1)).isEqualTo("b");
  }

  @Test
  void countsBecomeFractionsWeightedByTheirTotalTimesTheWeightColumn() throws IOException {
    Path file = csv("f,a,b,c,w\n1,8,2,0,0.5\n2,1,1,2,2\n");
    Dataset d = CsvDatasetReader.read(file, new DatasetSpec("a:c", TargetKind.COUNTS, "w", null, null));
    assertThat(d.targets()).containsExactly(0.8, 0.2, 0, 0.25, 0.25, 0.5);
    assertThat(d.weights()).containsExactly(5, 8);
    assertThat(d.weightsAreCounts()).isTrue();
    assertThat(d.featureNames()).containsExactly("f");
  }

  @Test
  void raggedRowNamesFileAndLine() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.5\n2,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y1,y2")))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " line 3: 2 values but the header has 3 columns; every row needs one value per column"
            + RowValidation.LENIENCY);
  }

  @Test
  void nonNumberNamesLineColumnAndValue() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.5\nabc,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y1,y2")))
        .hasMessageStartingWith(file + " line 3, column f: abc is not a number");
  }

  @Test
  void negativeFractionNamesLineColumnAndValue() throws IOException {
    Path file = csv("f,y1,y2,y3\n1,0.5,0.5,0\n2,1.02,0,-0.02\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .hasMessage(file + " line 3, column y3: -0.02 is negative; fractions must be >= 0"
            + " (fix the row, or use InvalidRows.SKIP to drop such rows)");
  }

  @Test
  void rowThatDoesNotSumToOneIsRejectedBeyondTolerance() throws IOException {
    Path ok = csv("f,y1,y2\n1,0.5,0.5000005\n");
    assertThat(CsvDatasetReader.read(ok, DatasetSpec.fractions("y*")).rows()).isEqualTo(1);
    Path bad = csv("f,y1,y2\n1,0.5,0.5\n1,0.5,0.48\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(bad, DatasetSpec.fractions("y*")))
        .hasMessage(bad + " line 3: the fractions in y1,y2 sum to 0.98; each row must sum to 1 within 0.01, what"
            + " rounding 2 fractions to 2 decimal places allows (if these are counts, use TargetKind.COUNTS, which"
            + " weighs each row by its total; InvalidRows.RENORMALIZE divides such rows by their sum, and each row weighs 1)")
        .isInstanceOf(DataException.class);
    Path exact = csv("f,y1,y2\n1,1,1\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(exact, DatasetSpec.fractions("y*")))
        .hasMessageStartingWith(exact + " line 2: the fractions in y1,y2 sum to 2; each row must sum to 1 within"
            + " 0.000001 (if these are counts, use TargetKind.COUNTS,");
    Path percent = csv("f,y1,y2\n1,30,70\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(percent, DatasetSpec.fractions("y*")))
        .hasMessageEndingWith("sum to 100; each row must sum to 1 within 0.000001 (percentages?"
            + " InvalidRows.RENORMALIZE divides each row by its sum, and each row weighs 1; TargetKind.COUNTS would take"
            + " them as counts and weigh each row by its total, about 100)");
  }

  @Test
  void missingTargetColumnListsTheColumns() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("z*")))
        .isInstanceOf(SettingsException.class)
        .hasMessage(file + ": DatasetSpec.targets 'z*' matches no column; the columns are f,y1,y2");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y1,y3")))
        .isInstanceOf(SettingsException.class)
        .hasMessage(file + ": DatasetSpec.targets column 'y3' is not in the header; the columns are f,y1,y2");
    // a wide file: the first names, the last ones (often the targets) and the count, not 250 names in one line
    StringBuilder wide = new StringBuilder();
    for (int c = 1; c <= 248; c++) {
      wide.append('f').append(c).append(',');
    }
    Path many = csv(wide + "y1,y2\n" + "1,".repeat(248) + "0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(many, DatasetSpec.fractions("z*")))
        .hasMessage(many + ": DatasetSpec.targets 'z*' matches no column; the columns are"
            + " f1,f2,f3,f4,f5,f6,f7,...,f248,y1,y2 (250 in all)");
    assertThatThrownBy(() -> CsvDatasetReader.read(many, DatasetSpec.fractions("Y*")))
        .hasMessageEndingWith("(250 in all); names are case-sensitive, and ignoring case it would match y1,y2");
  }

  @Test
  void emptyFileAndHeaderOnlyFileAreRejected() throws IOException {
    Path empty = csv("");
    assertThatThrownBy(() -> CsvDatasetReader.read(empty, DatasetSpec.fractions("y*")))
        .hasMessageStartingWith(empty + " is empty");
    Path headerOnly = csv("f,y1,y2\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(headerOnly, DatasetSpec.fractions("y*")))
        .hasMessageStartingWith(headerOnly + " has a header but no data rows");
  }

  @Test
  void missingFileSaysSo() {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> CsvDatasetReader.read(missing, DatasetSpec.fractions("y*")))
        .hasMessage(missing + " does not exist; check the path");
  }

  @Test
  void textInAnUnnamedFeatureColumnSuggestsId() throws IOException {
    Path file = csv("name,f,y1,y2\nx,1,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .hasMessageContaining("line 2, column name: x is not a number")
        .hasMessageContaining("DatasetSpec.idColumn");
  }

  @Test
  void countsRowWithZeroTotalIsRejected() throws IOException {
    Path file = csv("f,a,b\n1,0,0\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("a,b", TargetKind.COUNTS, null, null, null)))
        .hasMessage(file + " line 2: the counts in a,b sum to 0; a row of counts needs a positive total"
            + " (fix the row, or use InvalidRows.SKIP to drop such rows)");
  }

  @Test
  void skipDropsEveryInvalidRowAndSaysHowMany() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.5\nx,0.5,0.5\n2,0.5\n3,1.2,-0.2\n4,0.5,0.3\n5,0.25,0.75\n");
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(file,
        new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, null, InvalidRows.SKIP), warnings::add);
    assertThat(d.features()).containsExactly(1, 5);
    assertThat(warnings).containsExactly(file + ": skipped 4 invalid rows of 6 (67 %, InvalidRows.SKIP); the first: "
        + file + " line 3, column f: x is not a number; expected a decimal such as 0.25 or 1.5e-3"
        + " (if this column is not a feature, give it as DatasetSpec.idColumn"
        + " or list the features in DatasetSpec.features)");
  }

  @Test
  void renormalizeDividesRowsByTheirSumButStillRejectsOtherErrors() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.5\n2,0.3,0.1\n");
    List<String> warnings = new ArrayList<>();
    DatasetSpec spec = new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, null, InvalidRows.RENORMALIZE);
    Dataset d = CsvDatasetReader.read(file, spec, warnings::add);
    assertThat(d.targets()).containsExactly(new double[] {0.5, 0.5, 0.75, 0.25}, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(warnings).containsExactly(file + ": divided 1 row of fractions by their sum (InvalidRows.RENORMALIZE)");
    Path bad = csv("f,y1,y2\n1,0.5,-0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(bad, spec, warnings::add)).hasMessageContaining("is negative");
  }

  @Test
  void skippingEveryRowIsAnError() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.3\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file,
        new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, null, InvalidRows.SKIP)))
        .hasMessageStartingWith(file + " has no valid rows (all 1 were skipped; the first: ");
  }

  @Test
  void globsTreatRegexCharactersLiterallyAndExactNamesWin() throws IOException {
    Path file = csv("f,share(a),share(b),y+1,y*\n1,0.5,0.5,0.25,0.75\n");
    Dataset d = CsvDatasetReader.read(file, new DatasetSpec("share(*", TargetKind.FRACTIONS, null, "y+1,y*", null));
    assertThat(d.classNames()).containsExactly("share(a)", "share(b)");
    assertThat(d.featureNames()).containsExactly("y+1", "y*");
    assertThat(ColumnSpec.glob("a.b?c*").matcher("a.bXcYZ").matches()).isTrue();
    assertThat(ColumnSpec.glob("a.b?c*").matcher("aXbXc").matches()).isFalse();
  }

  @Test
  void aColumnNameWithACommaIsSelectedInDoubleQuotes() throws IOException {
    Path file = csv("\"income, net\",age,y1,y2\n1,2,0.5,0.5\n");
    Dataset d = CsvDatasetReader.read(file, new DatasetSpec(" y1 , y2", TargetKind.FRACTIONS, null,
        "\"income, net\",age", null));
    assertThat(d.featureNames()).containsExactly("income, net", "age");
    assertThat(d.classNames()).containsExactly("y1", "y2");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS,
        null, "\"income, net", null)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DatasetSpec.features '\"income, net' is not a comma-separated list of columns")
        .hasMessageContaining("double quotes");
  }

  @Test
  void featureChunksCoverEveryRowInOrder() throws IOException {
    StringBuilder text = new StringBuilder("id,f\n");
    for (int i = 0; i < 7; i++) {
      text.append('r').append(i).append(',').append(i).append('\n');
    }
    Path file = csv(text.toString());
    List<FeatureTable> chunks = new ArrayList<>();
    CsvDatasetReader.forEachFeatureChunk(file, List.of("f"), "id", 3, chunks::add);
    assertThat(chunks).extracting(FeatureTable::rows).containsExactly(3, 3, 1);
    assertThat(chunks.get(1).x()).containsExactly(3, 4, 5);
    assertThat(chunks.get(2).ids()).containsExactly("r6");
    List<FeatureTable> exact = new ArrayList<>();
    CsvDatasetReader.forEachFeatureChunk(file, List.of("f"), null, 7, exact::add);
    assertThat(exact).hasSize(1);
    assertThat(exact.get(0).ids()).isNull();
  }

  @Test
  void readFeaturesTakesTheModelsColumnsInItsOrder() throws IOException {
    Path file = csv("y1,f2,id,f1\n0.1,2,a,1\n0.2,4,b,3\n");
    FeatureTable t = CsvDatasetReader.readFeatures(file, java.util.List.of("f1", "f2"), "id");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.x()).containsExactly(1, 2, 3, 4);
    assertThat(t.ids()).containsExactly("a", "b");
  }

  @Test
  void fractionsRoundedToSixDecimalsAreDividedByTheirSumAndCounted() throws IOException {
    Path file = csv("f,y1,y2,y3\n1,0.333334,0.333333,0.333334\n2,0.333333,0.333333,0.333333\n3,0.25,0.25,0.5\n"
        + "4,3.33333e-1,0.333333,0.333333\n5,0.333333,0.333333,0.333334\n");
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(file, DatasetSpec.fractions("y*"), warnings::add);
    double up = 0.333334 + 0.333333 + 0.333334;
    double down = 0.333333 + 0.333333 + 0.333333;
    assertThat(d.targets()).containsExactly(0.333334 / up, 0.333333 / up, 0.333334 / up,
        0.333333 / down, 0.333333 / down, 0.333333 / down, 0.25, 0.25, 0.5,
        0.333333 / down, 0.333333 / down, 0.333333 / down, 0.333333, 0.333333, 0.333334);
    assertThat(warnings).singleElement().asString()
        .matches(java.util.regex.Pattern.quote(file + ": divided 3 rows of fractions by their sum, as they sum to 1"
            + " only within rounding (the furthest: " + file + " line ") + "[235], which sums to (1.000001|0.999999)\\)");
    StringBuilder sevenths = new StringBuilder("f,a,b,c,d,e,g,h\n1");
    for (int j = 0; j < 7; j++) {
      sevenths.append(",0.142857");
    }
    Path seven = csv(sevenths.append('\n').toString());
    List<String> one = new ArrayList<>();
    assertThat(CsvDatasetReader.read(seven, DatasetSpec.fractions("a:h"), one::add).targets()[0])
        .isEqualTo(0.142857 / (7 * 0.142857), org.assertj.core.api.Assertions.within(1e-15));
    assertThat(one).containsExactly(seven + ": divided 1 row of fractions by their sum, as it sums to 1 only within"
        + " rounding (the furthest: " + seven + " line 2, which sums to 0.999999)");
  }

  @Test
  void sixSignificantDigitsCountAsTheirOwnDecimalPlaces() throws IOException {
    // Emotion6's rows: six significant digits, so 0.0888889 has 7 places but the row only 6
    Path sig = csv("f,a,b,c,d,e,g,h\n1,0,0,0,0.544444,0.0888889,0.144444,0.222222\n");
    List<String> notes = new ArrayList<>();
    assertThat(CsvDatasetReader.read(sig, DatasetSpec.fractions("a:h"), notes::add).rows()).isEqualTo(1);
    assertThat(notes).singleElement().asString().contains("divided 1 row");
    // a one-digit value says nothing of the precision: 0.48 decides, and 0.98 is too far
    Path typo = csv("f,y1,y2\n1,0.5,0.48\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(typo, DatasetSpec.fractions("y*")))
        .hasMessageContaining("within 0.01, what rounding 2 fractions to 2 decimal places allows");
  }

  @Test
  void theToleranceFollowsTheDecimalPlacesOfTheRow() {
    assertThat(RowValidation.tolerance(3, 6)).isEqualTo(1.5e-6, org.assertj.core.api.Assertions.within(1e-18));
    assertThat(RowValidation.tolerance(7, 2)).isEqualTo(0.035, org.assertj.core.api.Assertions.within(1e-15));
    // one decimal would allow 3 x 0.05 = 0.15: 2 % is the most taken as rounding there
    assertThat(RowValidation.tolerance(3, 1)).isEqualTo(RowValidation.MOST_ROUNDING);
    assertThat(RowValidation.tolerance(20, 1)).isEqualTo(RowValidation.MOST_ROUNDING);
    assertThat(RowValidation.tolerance(2, 9)).isEqualTo(CsvDatasetReader.SUM_TOLERANCE);
    assertThat(RowValidation.tolerance(5, 0)).isEqualTo(CsvDatasetReader.SUM_TOLERANCE);
    assertThat(RowValidation.tolerance(5, -1)).isEqualTo(CsvDatasetReader.SUM_TOLERANCE);
  }

  @Test
  void blankLinesAtTheEndAreTheEndButABlankLineBeforeARowIsRefused() throws IOException {
    Path trailing = csv("f,y1,y2\n1,0.5,0.5\n2,0.25,0.75\n\n\r\n\n");
    assertThat(CsvDatasetReader.read(trailing, DatasetSpec.fractions("y*")).rows()).isEqualTo(2);
    Path inside = csv("f,y1,y2\n1,0.5,0.5\n\n\n2,0.25,0.75\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(inside, DatasetSpec.fractions("y*")))
        .isInstanceOf(DataException.class).hasMessage(inside + " line 3 is empty; remove blank lines" + RowValidation.LENIENCY);
    // skipping invalid rows drops the blank line and keeps the row after it, at its own line number
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(inside, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, null,
        InvalidRows.SKIP), warnings::add);
    assertThat(d.rows()).isEqualTo(2);
    assertThat(d.targets()).containsExactly(0.5, 0.5, 0.25, 0.75);
  }

  @Test
  void aFeatureThatRisesByWholeNumbersFromRowToRowIsNamedAsLikeARowNumber() throws IOException {
    StringBuilder text = new StringBuilder("row,f,y1,y2\n");
    for (int i = 0; i < 12; i++) {
      text.append(i + 1).append(',').append(i % 3).append(",0.5,0.5\n");
    }
    List<String> warnings = new ArrayList<>();
    Path file = csv(text.toString());
    CsvDatasetReader.read(file, DatasetSpec.fractions("y*"), warnings::add);
    assertThat(warnings).containsExactly(file + ": feature column row rises by whole numbers from row to row (1 to"
        + " 12), as a row number or id does, and the network reads it as a feature; if it is not a feature, give it"
        + " as DatasetSpec.idColumn or leave it out of DatasetSpec.features");
    warnings.clear();
    CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, "row"), warnings::add);
    assertThat(warnings).as("given as the id column").isEmpty();
    CsvDatasetReader.read(csv(text.toString().replace("\n12,", "\n11,")), DatasetSpec.fractions("y*"),
        warnings::add);
    assertThat(warnings).as("one step that does not rise").isEmpty();
    CsvDatasetReader.read(csv(text.toString().replace("\n5,", "\n5.5,")), DatasetSpec.fractions("y*"),
        warnings::add);
    assertThat(warnings).as("a value that is not a whole number").isEmpty();
    CsvDatasetReader.read(csv("row,y1,y2\n1,0.5,0.5\n2,0.5,0.5\n3,0.5,0.5\n"), DatasetSpec.fractions("y*"),
        warnings::add);
    assertThat(warnings).as("three rows rise by chance").isEmpty();
  }

  @Test
  void anUnnamedFirstColumnIsTakenAsPandasIndexAndLeftOut() throws IOException {
    Path pandas = csv(",f,y1,y2\n0,1,0.5,0.5\n1,2,0.2,0.8\n");
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(pandas, DatasetSpec.fractions("y*"), warnings::add);
    assertThat(d.featureNames()).containsExactly("f");
    assertThat(warnings).containsExactly(pandas + ": column 1 has no name, as pandas' DataFrame.to_csv writes its"
        + " index, and is not read (write with index=False to leave it out of the file)");
    assertThat(CsvDatasetReader.readFeatures(pandas, List.of("f"), null).x()).containsExactly(1, 2);
    Path trailing = csv("f,y1,y2,\n1,0.5,0.5,\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(trailing, DatasetSpec.fractions("y*")))
        .hasMessage(trailing + " line 1, column 4: the header has an empty column name; name every column (a comma"
            + " at the end of the header line?)");
    Path middle = csv("f,,y1,y2\n1,2,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(middle, DatasetSpec.fractions("y*")))
        .hasMessage(middle + " line 1, column 2: the header has an empty column name; name every column");
  }

  @Test
  void anEmptyTargetIsNamedAsMostOftenZeroAndNotAsARowToSkip() throws IOException {
    Path pivot = csv("f,car,ferry\n1,40,\n2,30,2\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(pivot, new DatasetSpec("car,ferry", TargetKind.COUNTS, null, null,
        null))).hasMessage(pivot + " line 2, column ferry is empty; an empty target is most often a class with nothing"
            + " in it (a pivot table leaves such cells empty): write 0 there (pandas: fillna(0)). Skipping the rows"
            + " (InvalidRows.SKIP) would drop each one whole and bias the class shares of the rest");
  }

  @Test
  void aTrailingCommaOnDataLinesIsNamedAndNotAdvisedToSkip() throws IOException {
    Path file = csv("f,y1,y2\n1,0.5,0.5,\n2,0.5,0.5,\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*"))).hasMessage(file + " line 2:"
        + " 4 values but the header has 3 columns; every row needs one value per column (its last value is empty: a"
        + " comma at the end of the line? Remove it from every such line; skipping the rows would drop each one that"
        + " has it)");
    Path ragged = csv("f,y1,y2\n1,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(ragged, DatasetSpec.fractions("y*")))
        .hasMessageEndingWith(RowValidation.LENIENCY);
  }

  @Test
  void pandasBooleansAreOneAndZeroInFeaturesAndAPercentSignIsNamed() throws IOException {
    Dataset d = CsvDatasetReader.read(csv("f,g,y1,y2\nTrue,1,0.5,0.5\nfalse,2,0.5,0.5\n"),
        DatasetSpec.fractions("y*"));
    assertThat(d.features()).containsExactly(1, 1, 0, 2);
    Path percent = csv("f,y1,y2\n1,69.5%,30.5%\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(percent, DatasetSpec.fractions("y*")))
        .hasMessage(percent + " line 2, column y1: 69.5% is not a number; write it without the % sign, as 69.5");
    Path trueTarget = csv("f,y1,y2\n1,true,false\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(trueTarget, DatasetSpec.fractions("y*")))
        .hasMessageContaining("true is not a number");
  }

  @Test
  void excelsSeparatorLineNamesTheSeparatorAndCountsAsALine() throws IOException {
    List<String> warnings = new ArrayList<>();
    Path file = csv("sep=;\r\nf;y1;y2\r\n1,5;0,25;0,75\r\n2;0,5;x\r\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*"), warnings::add))
        .hasMessageStartingWith(file + " line 4, column y2: x is not a number");
    Dataset d = CsvDatasetReader.read(csv("sep=;\nf;y1;y2\n1,5;0,25;0,75\n"), DatasetSpec.fractions("y*"),
        warnings::add);
    assertThat(d.features()).containsExactly(1.5);
    assertThat(warnings).singleElement().asString().endsWith(": read as ';'-separated values with decimal commas"
        + " (its first line, sep=;, says so)");
    assertThatThrownBy(() -> CsvDatasetReader.read(csv("sep=,\nf,,y1\n"), DatasetSpec.fractions("y*")))
        .hasMessageContaining("line 2, column 2: the header has an empty column name");
  }

  @Test
  void aFeatureWithOneValueInEveryRowIsNamed() throws IOException {
    List<String> warnings = new ArrayList<>();
    Path file = csv("f,g,h,y1,y2\n1,3,0,0.5,0.5\n2,3,0,0.2,0.8\n1,3,0,0.4,0.6\n");
    Dataset read = CsvDatasetReader.read(file, DatasetSpec.fractions("y*"), warnings::add);
    assertThat(read.notes()).as("the data set keeps what reading it noted").isEqualTo(warnings);
    assertThat(read.select(new int[] {0, 1}).notes()).as("some rows: the notes were about all").isEmpty();
    assertThat(warnings).containsExactly(file + ": 2 feature columns g = 3, h = 0 hold one value in every row: a model"
        + " trained on such rows learns nothing from them and ignores them when predicting");
    warnings.clear();
    CsvDatasetReader.read(csv("f,y1,y2\n1,0.5,0.5\n"), DatasetSpec.fractions("y*"), warnings::add);
    assertThat(warnings).as("one row: every column is constant, and saying so helps no one").isEmpty();
  }

  @Test
  void featureItemsAfterAnExclamationMarkAreLeftOut() throws IOException {
    Path file = csv("customer,age,note_a,note_b,income,y1,y2\nC1,30,x,y,5,0.5,0.5\n");
    Dataset every = CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, "!customer,!note*",
        null));
    assertThat(every.featureNames()).containsExactly("age", "income");
    Dataset some = CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, "age:income,!note_a,"
        + "!note_b", null));
    assertThat(some.featureNames()).containsExactly("age", "income");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null,
        "!custmer", null))).isInstanceOf(SettingsException.class)
        .hasMessageContaining("DatasetSpec.features column 'custmer' is not in the header");
    Path literal = csv("!odd,y1,y2\n1,0.5,0.5\n");
    assertThat(CsvDatasetReader.read(literal, new DatasetSpec("y*", TargetKind.FRACTIONS, null, "!odd", null))
        .featureNames()).as("a column named !odd is a column").containsExactly("!odd");
  }

  @Test
  void countsThatAllSumToOneAreNamedAsFractions() throws IOException {
    List<String> warnings = new ArrayList<>();
    DatasetSpec counts = new DatasetSpec("y*", TargetKind.COUNTS, null, null, null);
    CsvDatasetReader.read(csv("f,y1,y2\n1,0.25,0.75\n2,0.5,0.5\n"), counts, warnings::add);
    assertThat(warnings).singleElement().asString().endsWith(": the counts of every row sum to 1 (within rounding),"
        + " as fractions do; if they are fractions, TargetKind.FRACTIONS reads them so (as counts, each row weighs its"
        + " total, about 1, so the fit barely differs)");
    warnings.clear();
    CsvDatasetReader.read(csv("f,y1,y2\n1,0.333,0.667\n2,0.5,0.5\n3,0.1234567,0.8765438\n"), counts, warnings::add);
    assertThat(warnings).as("rounded fractions, as Emotion6's").hasSize(1);
    warnings.clear();
    CsvDatasetReader.read(csv("f,y1,y2\n1,0.25,0.75\n2,3,1\n"), counts, warnings::add);
    assertThat(warnings).isEmpty();
  }

  @Test
  void naAndOtherMarkersOfMissingValuesAreMissingValuesThatSkippingCanDrop() throws IOException {
    Path file = csv("f,y1,y2\n1,3,4\n2,NA,5\n3,2,2\n4,n/a,1\n5,1,?\n");
    DatasetSpec counts = new DatasetSpec("y*", TargetKind.COUNTS, null, null, null);
    assertThatThrownBy(() -> CsvDatasetReader.read(file, counts)).isInstanceOf(DataException.class)
        .hasMessage(file + " line 3, column y1: NA marks a missing value; an empty target is most often a class with"
            + " nothing in it (a pivot table leaves such cells empty): write 0 there (pandas: fillna(0)). Skipping the"
            + " rows (InvalidRows.SKIP) would drop each one whole and bias the class shares of the rest");
    Dataset kept = CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.COUNTS, null, null, null,
        InvalidRows.SKIP), message -> { });
    assertThat(kept.features()).containsExactly(1, 3);
    Path features = csv("f,g,y1,y2\n1,-NaN,0.5,0.5\n2,.,0.5,0.5\n3,-,0.5,0.5\n4,-1.5,0.5,0.5\n");
    List<String> skipped = new ArrayList<>();
    Dataset numbers = CsvDatasetReader.read(features, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, null,
        InvalidRows.SKIP), skipped::add);
    assertThat(numbers.features()).containsExactly(4, -1.5); // a negative number is not a marker
    assertThat(String.join("\n", skipped)).contains("skipped 3 invalid rows");
    assertThatThrownBy(() -> CsvDatasetReader.read(features, DatasetSpec.fractions("y*")))
        .hasMessageContaining("line 2, column g: -NaN marks a missing value");
    Path dash = csv("f,g,y1,y2\n1,-,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(dash, DatasetSpec.fractions("y*")))
        .hasMessageContaining("(a spreadsheet's accounting format shows 0 as -: if it means 0, write 0)");
  }

  @Test
  void anEmptyCellIsAMissingValueThatSkippingCanDrop() throws IOException {
    Path file = csv("f,g,y1,y2\n1,2,0.5,0.5\n3,,0.25,0.75\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .isInstanceOf(DataException.class).hasMessage(file + " line 3, column g is empty; fracnet needs a number in"
            + " every cell it reads: fill in the missing value" + RowValidation.LENIENCY);
    Dataset kept = CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null, null, null,
        InvalidRows.SKIP), message -> { });
    assertThat(kept.rows()).isEqualTo(1);
    assertThat(kept.features()).containsExactly(1, 2);
  }

  @Test
  void withoutAConsumerTheWarningsGoToThePlatformLogger() throws IOException {
    Path file = csv("f,y1,y2,y3\n1,0.333334,0.333333,0.333334\n");
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.fracnet.core.data");
    List<java.util.logging.LogRecord> records = new ArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      Dataset.readCsv(file, DatasetSpec.fractions("y*"));
      Dataset.builder("survey").features(List.of("f"), new double[][] {{1}})
          .targets(List.of("a", "b"), new double[][] {{0.5, 0.5000001}}).build();
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(records).extracting(java.util.logging.LogRecord::getLevel).containsOnly(java.util.logging.Level.WARNING);
    assertThat(records).extracting(java.util.logging.LogRecord::getMessage)
        .anyMatch(m -> m.startsWith(file + ": divided 1 row of fractions by their sum"))
        .anyMatch(m -> m.startsWith("survey: divided 1 row of fractions by their sum"));
  }

  @Test
  void aRowThatMissesOneByMoreThanTwoPercentIsWrongHoweverCoarselyWritten() throws IOException {
    // the other rows carry ten decimals; one decimal would allow 0.15, and 0.9 is not rounding
    Path file = csv("f,y1,y2,y3\n1,0.2951078380,0.3354959378,0.3693962242\n2,0.5,0.3,0.1\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(file + " line 3: the fractions in y1,y2,y3 sum to 0.9; each row must sum to 1"
            + " within 0.02, the most fracnet takes as rounding of one decimal (if these are counts");
  }

  @Test
  void aRowWithinFloatingPointNoiseOfOneIsKeptAsItIs() throws IOException {
    Path file = csv("f,y1,y2,y3\n1,0.1,0.2,0.7\n2,0.4999999999,0.5,0.0000000001\n");
    List<String> warnings = new ArrayList<>();
    Dataset d = CsvDatasetReader.read(file, DatasetSpec.fractions("y*"), warnings::add);
    assertThat(d.targets()).containsExactly(0.1, 0.2, 0.7, 0.4999999999, 0.5, 0.0000000001);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aRowOfIntegersIsExactSoOnlyTheLeastToleranceApplies() throws IOException {
    Path file = csv("f,y1,y2\n1,1,1e0\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .hasMessageContaining("sum to 2; each row must sum to 1 within 0.000001 (if these are counts");
  }

  @Test
  void aValueThatOverflowsADoubleSaysSoAndOneThatUnderflowsReadsAsZero() throws IOException {
    Path file = csv("f,y1,y2\n1e400,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " line 2, column f: 1e400 is too large: numbers must lie within about -1.8e308 and"
            + " 1.8e308; fix the value, or rescale the column");
    Path tiny = csv("f,y1,y2\n1e-400,0.5,0.5\n");
    assertThat(CsvDatasetReader.read(tiny, DatasetSpec.fractions("y*")).features()).containsExactly(0);
    Path infinite = csv("f,y1,y2\n-Infinity,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(infinite, DatasetSpec.fractions("y*")))
        .hasMessageStartingWith(infinite + " line 2, column f: -Infinity is not finite");
  }

  @Test
  void countsMayHaveAFractionalPart() throws IOException {
    Path file = csv("f,a,b\n1,2.5,0.5\n2,1,1\n");
    Dataset d = CsvDatasetReader.read(file, new DatasetSpec("a,b", TargetKind.COUNTS, null, null, null));
    assertThat(d.targets()).containsExactly(2.5 / 3, 0.5 / 3, 0.5, 0.5);
    assertThat(d.weights()).containsExactly(3, 2);
  }

  @Test
  void aSingleRowIsADataSetButASingleClassIsNot() throws IOException {
    Path one = csv("f,y1,y2\n1,0.5,0.5\n");
    assertThat(CsvDatasetReader.read(one, DatasetSpec.fractions("y*")).rows()).isEqualTo(1);
    assertThatThrownBy(() -> CsvDatasetReader.read(one, DatasetSpec.fractions("y1")))
        .isInstanceOf(SettingsException.class)
        .hasMessage(one + ": DatasetSpec.targets 'y1' selects 1 column (y1); a data set needs at least 2 classes, one"
            + " target column per class (with one class there is nothing to predict)");
  }

  @Test
  void aHeaderWithADuplicatedNameSaysWhichColumns() throws IOException {
    Path file = csv("f,y1,g,y1\n1,0.5,2,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("y*")))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " line 1: columns 2 and 4 are both named 'y1'; column names must be unique (rename one)");
  }

  @Test
  void aColumnHasOnePart() throws IOException {
    Path file = csv("f,w,y1,y2\n1,1,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null,
        "f,y2", null)))
        .isInstanceOf(SettingsException.class)
        .hasMessage(file + ": column y2 is in both DatasetSpec.targets and DatasetSpec.features; a column is a"
            + " target, a feature, the weight or the id, not two of them, so leave it out of one");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, "y1",
        null, null)))
        .hasMessageStartingWith(file + ": column y1 is in both DatasetSpec.targets and DatasetSpec.weightColumn;");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, "w",
        null, "w")))
        .hasMessageStartingWith(file + ": column w is in both DatasetSpec.weightColumn and DatasetSpec.idColumn;");
  }

  @Test
  void aTargetColumnOfTextSaysWhatTargetsMustBe() throws IOException {
    Path file = csv("f,cat,y1,y2\n1,dog,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, DatasetSpec.fractions("cat,y1,y2")))
        .isInstanceOf(DataException.class)
        .hasMessage(file + " line 2, column cat: dog is not a number; target columns must hold a number in every"
            + " row, one column per class with its fraction (or its count, TargetKind.COUNTS), so a column of"
            + " labels or other text is not a target (leave it out of DatasetSpec.targets)");
  }

  @Test
  void aTextColumnListedAsAFeatureSaysToLeaveItOut() throws IOException {
    Path file = csv("name,f,y1,y2\nx,1,0.5,0.5\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(file, new DatasetSpec("y*", TargetKind.FRACTIONS, null,
        "name,f", null)))
        .hasMessage(file + " line 2, column name: x is not a number; expected a decimal such as 0.25 or 1.5e-3"
            + " (if this column is not a feature, leave it out of DatasetSpec.features)");
  }
}
