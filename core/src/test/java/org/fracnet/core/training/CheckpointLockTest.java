package org.fracnet.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fracnet.core.TrainingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CheckpointLock} between runs of one process and of two. */
class CheckpointLockTest {
  @TempDir
  Path dir;

  /** Holds the lock of args[0] until its standard input closes; says "locked" once it holds it. */
  public static void main(String[] args) throws Exception {
    try (CheckpointLock lock = CheckpointLock.acquire(Path.of(args[0]))) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our input
      }
    }
  }

  @Test
  void aSecondRunInThisProcessIsRefusedUntilTheFirstReleases() {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    try (CheckpointLock first = CheckpointLock.acquire(checkpoint)) {
      assertThat(CheckpointLock.lockFile(checkpoint)).exists();
      assertThat(CheckpointLock.tryAcquire(checkpoint)).isNull();
      assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint)).isInstanceOf(TrainingException.class)
          .hasMessage("the checkpoint " + checkpoint + " is in use by another training run (it holds " + checkpoint
              + ".lock); wait for that run to finish, or give this one another checkpoint(file)");
      assertThat(CheckpointLock.tryAcquire(dir.resolve("other.checkpoint"))).isNotNull().satisfies(CheckpointLock::close);
    }
    assertThat(CheckpointLock.lockFile(checkpoint)).doesNotExist();
    CheckpointLock.acquire(checkpoint).close();
  }

  @Test
  void aRunInAnotherProcessHoldsTheLockUntilItEnds() throws Exception {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), CheckpointLockTest.class.getName(), checkpoint.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> CheckpointLock.acquire(checkpoint)).isInstanceOf(TrainingException.class)
          .hasMessageContaining("is in use by another training run");
      other.getOutputStream().close();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).isZero();
    } finally {
      other.destroyForcibly();
    }
    CheckpointLock.acquire(checkpoint).close();
  }

  @Test
  void aSecondRunRefusedInThisProcessLeavesTheLockHeldAgainstOtherProcesses() throws Exception {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    try (CheckpointLock first = CheckpointLock.acquire(checkpoint)) {
      assertThat(CheckpointLock.tryAcquire(checkpoint)).isNull();
      // closing a file's descriptor drops every POSIX lock this process holds on it, the first run's too
      Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), CheckpointLockTest.class.getName(), checkpoint.toString())
          .redirectErrorStream(true).start();
      try {
        other.getOutputStream().close(); // a child that locks ends at once
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("locked").contains("is in use by another training run");
      } finally {
        other.destroyForcibly();
      }
    }
  }

  @Test
  void theCheckpointsFolderIsCreatedAsTheCheckpointsWritesWouldCreateIt() {
    Path checkpoint = dir.resolve("new/folder/model.zip.checkpoint");
    try (CheckpointLock lock = CheckpointLock.acquire(checkpoint)) {
      assertThat(CheckpointLock.lockFile(checkpoint)).exists();
    }
  }

  @Test
  void aLockFileLeftByACrashedRunIsTaken() throws Exception {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    java.nio.file.Files.writeString(CheckpointLock.lockFile(checkpoint), "");
    try (CheckpointLock lock = CheckpointLock.acquire(checkpoint)) {
      assertThat(lock).isNotNull();
    }
  }
}
