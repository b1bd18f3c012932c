package org.fracnet.core.training;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import org.fracnet.core.OutputFileException;
import org.fracnet.core.TrainingException;
import org.fracnet.core.io.IoErrors;

/**
 * Keeps two training runs from sharing one checkpoint: a run that keeps a checkpoint holds an
 * operating-system lock on the file beside it named {@code CHECKPOINT.lock} from its start until
 * it returns, in this process or any other on the machine. Without it, two runs with the same
 * output (the CLI's default checkpoint is {@code MODEL.checkpoint}) would overwrite each other's
 * checkpoints, and the first to finish would delete the other's. The lock file is deleted on
 * release; a crashed process leaves it behind unlocked, and the next run takes it.
 */
public final class CheckpointLock implements AutoCloseable {
  /** The lock files this process holds (or is taking), by absolute path. */
  private static final ConcurrentHashMap<Path, Boolean> HELD = new ConcurrentHashMap<>();
  private final Path file;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private CheckpointLock(Path file, Path key, FileChannel channel, FileLock lock) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code checkpoint}: {@code CHECKPOINT.lock}. */
  public static Path lockFile(Path checkpoint) {
    return checkpoint.resolveSibling(checkpoint.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code checkpoint}.
   *
   * @throws TrainingException when another run holds it
   * @throws OutputFileException when the lock file cannot be created
   */
  public static CheckpointLock acquire(Path checkpoint) {
    CheckpointLock lock = tryAcquire(checkpoint);
    if (lock == null) {
      throw new TrainingException("the checkpoint " + checkpoint + " is in use by another training run (it holds "
          + lockFile(checkpoint) + "); wait for that run to finish, or give this one another checkpoint(file)");
    }
    return lock;
  }

  /**
   * Takes the lock of {@code checkpoint}, or returns {@code null} when another run holds it.
   *
   * @throws OutputFileException when the lock file cannot be created
   */
  public static CheckpointLock tryAcquire(Path checkpoint) {
    Path file = lockFile(checkpoint);
    Path key = file.toAbsolutePath().normalize();
    // A run in this process holds it: refused without opening the file, since closing any
    // descriptor of a file drops every POSIX lock this process holds on it, the holder's too.
    if (HELD.putIfAbsent(key, Boolean.TRUE) != null) {
      return null;
    }
    boolean locked = false;
    try {
      FileChannel channel;
      try {
        Files.createDirectories(key.getParent()); // as the checkpoint's own writes do
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new OutputFileException("cannot create the lock " + file + " of the checkpoint " + checkpoint + ": "
            + IoErrors.reason(e) + "; choose a checkpoint(file) in a folder you can write", e);
      }
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          locked = true;
          return new CheckpointLock(file, key, channel, lock);
        }
      } catch (OverlappingFileLockException e) {
        // held through another name of the same file in this process
      } catch (IOException e) {
        closeQuietly(channel);
        throw new OutputFileException("cannot lock " + file + ": " + IoErrors.reason(e), e);
      }
      closeQuietly(channel); // no lock of this process on the file: nothing is dropped
      return null;
    } finally {
      if (!locked) {
        HELD.remove(key);
      }
    }
  }

  /** Releases the lock and deletes the lock file. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file); // while still held, so no other run has locked this file yet
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel; a lock file left behind is taken by the next run
    } finally {
      closeQuietly(channel);
      HELD.remove(key);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing held to lose
    }
  }
}
