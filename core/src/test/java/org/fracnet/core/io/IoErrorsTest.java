package org.fracnet.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
  @Test
  void theSystemsReasonsArePlainWords() {
    assertThat(IoErrors.reason(new IOException("No space left on device")))
        .isEqualTo("the disk is full (no space left on device)");
    assertThat(IoErrors.reason(new FileSystemException("/x/m.zip", null, "Disk quota exceeded")))
        .isEqualTo("the disk quota is used up (disk quota exceeded)");
    assertThat(IoErrors.reason(new IOException("File too large")))
        .isEqualTo("the file would exceed this process's file size limit (ulimit -f)");
    assertThat(IoErrors.reason(new FileSystemException("/x/m.zip", null, "Read-only file system")))
        .isEqualTo("the file system is read-only");
    assertThat(IoErrors.reason(new AccessDeniedException("/x/m.zip"))).isEqualTo("permission is denied");
    assertThat(IoErrors.reason(new NoSuchFileException("/x/m.zip"))).isEqualTo("it or its folder does not exist");
  }

  @Test
  void noJavaClassNameAndNoBarePathIsEverAReason() {
    assertThat(IoErrors.reason(new IOException("java.util.zip.ZipException: invalid stored block lengths")))
        .isEqualTo("an input/output error");
    assertThat(IoErrors.reason(new IOException())).isEqualTo("an input/output error");
    assertThat(IoErrors.reason(new FileSystemException("/x/m.zip"))).isEqualTo("an input/output error");
    assertThat(IoErrors.reason(new IOException("Connection reset"))).isEqualTo("Connection reset");
  }

  @Test
  void diskFullAndTheFileSizeLimitAreRecognised() {
    assertThat(IoErrors.diskFull(new IOException("No space left on device"))).isTrue();
    assertThat(IoErrors.diskFull(new FileSystemException("f", null, "Disk quota exceeded"))).isTrue();
    assertThat(IoErrors.diskFull(new IOException("File too large"))).isFalse();
    assertThat(IoErrors.fileSizeLimit(new IOException("File too large"))).isTrue();
  }

  @Test
  void sizesAreForPeople() {
    assertThat(IoErrors.size(1)).isEqualTo("1 byte");
    assertThat(IoErrors.size(512)).isEqualTo("512 bytes");
    assertThat(IoErrors.size(20_580)).isEqualTo("20.1 KiB");
    assertThat(IoErrors.size(3L << 30)).isEqualTo("3.0 GiB");
  }
}
