package org.fracnet.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Plain-English reasons for I/O failures. The JDK's messages are unfit for users as they are: a
 * {@link NoSuchFileException}'s message is only the path, a {@link FileSystemException}'s repeats
 * the path before the system's reason, and others start with a Java class name. Messages of
 * fracnet's exceptions use {@link #reason} instead.
 */
public final class IoErrors {
  /** A fully qualified Java class name, e.g. {@code java.util.zip.ZipException}. */
  private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*");

  private IoErrors() {}

  /** What the operating system reported, for the cases fracnet names. */
  private enum Kind {
    NO_SPACE("no space left on device", "the disk is full (no space left on device)"),
    QUOTA("disk quota exceeded", "the disk quota is used up (disk quota exceeded)"),
    TOO_LARGE("file too large", "the file would exceed this process's file size limit (ulimit -f)"),
    READ_ONLY("read-only file system", "the file system is read-only"),
    IS_A_DIRECTORY("is a directory", "it is a folder, not a file"),
    NOT_A_DIRECTORY("not a directory", "a part of the path is a file, not a folder"),
    DENIED("permission denied", "permission is denied"),
    NOT_PERMITTED("operation not permitted", "the operation is not permitted"),
    TOO_MANY_FILES("too many open files", "too many files are open"),
    IO_ERROR("input/output error", "the device reported an input/output error");

    final String systemText;
    final String plain;

    Kind(String systemText, String plain) {
      this.systemText = systemText;
      this.plain = plain;
    }
  }

  /**
   * Why {@code e} happened, as a phrase that fits after "cannot be written: " or "cannot be
   * read: ": e.g. {@code the disk is full (no space left on device)}, {@code permission is
   * denied}, {@code it does not exist}. Never a Java class name.
   */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "it or its folder does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return Kind.DENIED.plain;
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof NotDirectoryException) {
      return Kind.NOT_A_DIRECTORY.plain;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the folder is not empty";
    }
    if (e instanceof FileSystemLoopException) {
      return "symbolic links form a loop";
    }
    Kind kind = kind(e);
    if (kind != null) {
      return kind.plain;
    }
    String text = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    if (text == null || text.isBlank() || CLASS_NAME.matcher(text).find()) {
      return "an input/output error";
    }
    return text.strip();
  }

  /** Whether {@code e} says the disk or the quota is full (ENOSPC, EDQUOT). */
  public static boolean diskFull(IOException e) {
    Kind kind = kind(e);
    return kind == Kind.NO_SPACE || kind == Kind.QUOTA;
  }

  /** Whether {@code e} says the file grew beyond the process's file size limit (EFBIG). */
  public static boolean fileSizeLimit(IOException e) {
    return kind(e) == Kind.TOO_LARGE;
  }

  private static Kind kind(IOException e) {
    String text = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    if (text == null) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (Kind k : Kind.values()) {
      if (lower.contains(k.systemText)) {
        return k;
      }
    }
    return null;
  }

  /** {@code bytes} for people: {@code 512 bytes}, {@code 20.1 KiB}, {@code 3.4 MiB}, {@code 1.2 GiB}. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
