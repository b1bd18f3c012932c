package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one line naming file, line, column and value, exit status 2, and no stack trace. */
class BadInputIT {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ragged row        | f,y1,y2\\n1,0.5,0.5\\n2,0.5\\n        | line 3: 2 values but the header has 3 columns",
      "non-number        | f,y1,y2\\n1,0.5,0.5\\nx1,0.5,0.5\\n   | line 3, column f: x1 is not a number",
      "negative fraction | f,y1,y2\\n1,1.1,-0.1\\n             | line 2, column y2: -0.1 is negative",
      "row sum           | f,y1,y2\\n1,0.50,0.40\\n            | line 2: the fractions in y1,y2 sum to 0.9",
      "missing column    | f,a,b\\n1,0.5,0.5\\n                | --targets 'y*' matches no column",
      "empty file        | ''                                | is empty",
  })
  void isOneClearLineWithExitStatusTwo(String name, String content, String expected) throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, content.replace("\\n", "\n"));
    Cli.Result r = Cli.run(dir, "train", "--data", file.toString(), "--targets", "y*", "--out", "m.zip");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("fracnet: error: " + file).contains(expected);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("m.zip")).doesNotExist();
  }
}
