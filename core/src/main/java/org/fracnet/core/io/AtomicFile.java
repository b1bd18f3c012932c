package org.fracnet.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fracnet.core.OutputFileException;

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, which is
 * then renamed over the target. Readers see the old file or the complete new one, never a part;
 * two processes writing one file at once leave one of the two complete files. When writing fails
 * (the disk is full, the content throws), the temporary file is deleted and the old file is left
 * as it was.
 */
public final class AtomicFile {
  /** Writes content to a stream; may throw {@link IOException}. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content to {@code out}, which the caller flushes and closes. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * {@code content} compressed with gzip when {@code target}'s name ends in {@code .gz} (any
   * case), as data files so named are read; else {@code content} itself.
   */
  public static Content gzipIfNamed(Path target, Content content) {
    Path name = target.getFileName();
    if (name == null || !name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
      return content;
    }
    return out -> {
      java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out, 1 << 16);
      content.writeTo(gzip);
      gzip.finish();
    };
  }

  /** Temporary files being written now, for {@link #deleteUnfinished()}. */
  private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

  private AtomicFile() {}

  /**
   * Temporary files are created readable by the owner only; give the result the permissions the
   * replaced file had, or those of a new file (rw-r--r--) when there was none.
   */
  private static void permitLikeANewFile(Path tmp, Path target) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.exists(target)
        ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, permissions);
  }

  /**
   * Writes {@code target} atomically.
   *
   * @throws OutputFileException naming the file, the reason in plain words (e.g. the disk is
   *     full, and how much of the file fit) and the fix, when it cannot be written; the previous
   *     file is unchanged then, and no temporary file is left
   */
  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    boolean existed = Files.exists(absolute, LinkOption.NOFOLLOW_LINKS);
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new OutputFileException(target + " cannot be written: " + e.getFile() + " is a file, not a folder;"
          + " name a file in a folder", e);
    } catch (IOException e) {
      throw new OutputFileException(target + " cannot be written: its folder " + dir + " cannot be created, because "
          + IoErrors.reason(e) + "; write it elsewhere", e);
    }
    Path tmp = null;
    CountingChannel sink = null;
    boolean inContent = false;
    try {
      tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
      UNFINISHED.add(tmp);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        sink = new CountingChannel(channel);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(sink), 1 << 16);
        inContent = true;
        content.writeTo(out);
        inContent = false;
        out.flush();
        channel.force(true); // on disk before the rename makes it visible
      }
      permitLikeANewFile(tmp, absolute);
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      UNFINISHED.remove(tmp);
      tmp = null;
    } catch (IOException | UncheckedIOException e) {
      if (tmp != null) {
        delete(tmp);
        tmp = null;
      }
      IOException cause = sink != null && sink.failure != null ? sink.failure
          : e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      String previous = existed ? "; the previous " + absolute.getFileName() + " is unchanged" : "";
      if (inContent && (sink == null || sink.failure == null)) {
        // the content failed on something other than this file, e.g. reading an input
        throw new OutputFileException(target + " was not written, because " + IoErrors.reason(cause) + previous, e);
      }
      throw failure(target, dir, sink == null ? 0 : sink.written, cause, previous);
    } finally {
      if (tmp != null) {
        delete(tmp);
      }
    }
  }

  /** The exception for a failed write: the file, the reason in plain words, and the fix. */
  private static OutputFileException failure(Path target, Path dir, long written, IOException e, String previous) {
    if (IoErrors.diskFull(e)) {
      return new OutputFileException(target + " cannot be written: " + IoErrors.reason(e) + ": only "
          + IoErrors.size(written) + " of it fit in " + dir + "; free some space or write to another disk" + previous, e);
    }
    if (IoErrors.fileSizeLimit(e)) {
      return new OutputFileException(target + " cannot be written: " + IoErrors.reason(e) + ", which stopped it at "
          + IoErrors.size(written) + "; raise the limit (ulimit -f unlimited) or write a smaller file" + previous, e);
    }
    return new OutputFileException(target + " cannot be written: " + IoErrors.reason(e)
        + "; check that the folder " + dir + " is writable, or write elsewhere" + previous, e);
  }

  private static void delete(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // the temporary file is hidden and harmless
    }
    UNFINISHED.remove(tmp);
  }

  /**
   * Deletes the temporary files of writes still in progress, whose targets keep their previous
   * content: for a process that is about to exit without finishing them (the command line calls
   * it when it quits on Ctrl-C). A write still running then fails.
   */
  public static void deleteUnfinished() {
    for (Path tmp : UNFINISHED) {
      delete(tmp);
    }
  }

  /** Counts the bytes that reached the file and remembers a failure to write more. */
  private static final class CountingChannel implements WritableByteChannel {
    private final FileChannel channel;
    long written;
    IOException failure;

    CountingChannel(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int write(ByteBuffer bytes) throws IOException {
      try {
        int n = channel.write(bytes);
        written += n;
        return n;
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
