package org.fracnet.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fracnet.core.OutputFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir
  Path dir;

  private Path data;

  @BeforeEach
  void dataFile() throws IOException {
    data = Files.writeString(dir.resolve("data.csv"), "x,y1,y2\n1,0.5,0.5\n");
  }

  @Test
  void aNewOutputPasses() {
    assertThatCode(() -> OutputFiles.of(Overwrite.REFUSE).input("data file", data)
        .output("model file", dir.resolve("model.zip")).checkpoint(dir.resolve("model.zip.checkpoint"), false)
        .check()).doesNotThrowAnyException();
  }

  @Test
  void anExistingOutputIsRefusedUnlessReplacing() throws IOException {
    Path model = Files.writeString(dir.resolve("model.zip"), "an earlier model");
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REFUSE).output("model file", model).check())
        .isInstanceOf(OutputFileException.class)
        .hasMessage("the model file " + model + " exists; Overwrite.REPLACE replaces it");
    assertThatCode(() -> OutputFiles.of(Overwrite.REPLACE).output("model file", model).check())
        .doesNotThrowAnyException();
  }

  @Test
  void anExistingCheckpointIsRefusedUnlessResumedOrReplaced() throws IOException {
    Path checkpoint = Files.writeString(dir.resolve("model.zip.checkpoint"), "epoch 3");
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REFUSE).checkpoint(checkpoint, false).check())
        .hasMessage("the checkpoint " + checkpoint + " exists, kept by an earlier run that did not finish;"
            + " resume(true) continues that run, Overwrite.REPLACE starts afresh and replaces it");
    assertThatCode(() -> OutputFiles.of(Overwrite.REFUSE).checkpoint(checkpoint, true).check())
        .doesNotThrowAnyException();
    assertThatCode(() -> OutputFiles.of(Overwrite.REPLACE).checkpoint(checkpoint, false).check())
        .doesNotThrowAnyException();
  }

  @Test
  void anInputIsNeverAnOutputUnderAnyName() throws IOException {
    Files.createDirectory(dir.resolve("sub"));
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data);
    Path hard = Files.createLink(dir.resolve("hard.csv"), data);
    Path linkedFolder = Files.createSymbolicLink(dir.resolve("folder"), dir);
    for (Path other : new Path[] {data, dir.resolve("sub/../data.csv"), link, hard, linkedFolder.resolve("data.csv")}) {
      for (Overwrite overwrite : Overwrite.values()) {
        assertThatThrownBy(() -> OutputFiles.of(overwrite).input("data file", data)
            .output("predictions file", other).check()).as("%s", other)
            .isInstanceOf(OutputFileException.class)
            .hasMessageStartingWith("the predictions file " + other + " is the data file " + data)
            .hasMessageEndingWith("; an input is never overwritten: name another predictions file");
      }
    }
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REPLACE).input("data file", data).checkpoint(link, true).check())
        .hasMessageContaining("an input is never overwritten");
  }

  @Test
  void twoOutputsThatAreOneFileAreRefused() {
    Path model = dir.resolve("model.zip");
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REPLACE).output("model file", model)
        .checkpoint(dir.resolve("./model.zip"), false).check())
        .hasMessage("the model file " + model + " and the checkpoint " + dir.resolve("./model.zip")
            + " are the same file; name two files");
  }

  @Test
  void aFolderIsNotAFileAndAFileIsNotAFolder() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("out"));
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REPLACE).output("model file", folder).check())
        .hasMessage("the model file " + folder + " is a folder; name a file");
    Path inFile = data.resolve("model.zip");
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REPLACE).output("model file", inFile).check())
        .hasMessage("the model file " + inFile + " cannot be written: " + data + " is a file, not a folder;"
            + " name a file in a folder");
    Path detour = dir.resolve("missing/../model.zip");
    assertThatThrownBy(() -> OutputFiles.of(Overwrite.REPLACE).output("model file", detour).check())
        .hasMessage("the model file " + detour + " cannot be written: its path goes through a folder that does"
            + " not exist and back (..); name it without ..");
    assertThatCode(() -> OutputFiles.of(Overwrite.REFUSE).output("report file", dir.resolve("new/folder/index.html"))
        .check()).doesNotThrowAnyException();
  }

  @Test
  void filesAreTheSameWhenTheyAreOne() throws IOException {
    assertThat(OutputFiles.sameFile(dir.resolve("a.zip"), dir.resolve("x/../a.zip"))).isTrue();
    assertThat(OutputFiles.sameFile(dir.resolve("a.zip"), dir.resolve("b.zip"))).isFalse();
    Path linkedFolder = Files.createSymbolicLink(dir.resolve("folder"), dir);
    assertThat(OutputFiles.sameFile(dir.resolve("a.zip"), linkedFolder.resolve("a.zip"))).isTrue();
  }
}
