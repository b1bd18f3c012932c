package org.fracnet.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fracnet.core.OutputFileException;

/**
 * Checks, before a run that may take hours, that the files it will write may be written, so that
 * nobody learns at the end that an output was in the way:
 *
 * <ul>
 *   <li>no output is one of the run's inputs, under any name (relative paths, {@code ..},
 *       symbolic and hard links): an input is never overwritten, whatever {@link Overwrite}
 *       says;</li>
 *   <li>no two outputs are one file;</li>
 *   <li>no output is a folder, and the folder it goes into is a folder (or can be created);</li>
 *   <li>an output that exists is refused unless {@link Overwrite#REPLACE} is given; so is a
 *       training checkpoint, the progress of an earlier run, unless the run resumes it.</li>
 * </ul>
 *
 * <pre>{@code
 * OutputFiles.of(Overwrite.REFUSE).input("data file", data).output("model file", model)
 *     .checkpoint(checkpoint, config.resume()).check();
 * }</pre>
 *
 * <p>The check is made once, before the run; a file that another process creates meanwhile is
 * replaced at the end (atomically: one complete file wins).
 */
public final class OutputFiles {
  private record Named(String what, Path file) {}

  private final Overwrite overwrite;
  private final List<Named> inputs = new ArrayList<>();
  private final List<Named> outputs = new ArrayList<>();
  private final List<Named> scratch = new ArrayList<>();
  private final List<Named> checkpoints = new ArrayList<>();

  private OutputFiles(Overwrite overwrite) {
    this.overwrite = Objects.requireNonNull(overwrite, "overwrite");
  }

  /** A check that treats existing outputs as {@code overwrite} says. */
  public static OutputFiles of(Overwrite overwrite) {
    return new OutputFiles(overwrite);
  }

  /**
   * An input of the run, which no output may be; {@code what} names it in messages (e.g.
   * {@code "data file"}). A {@code null} file is ignored.
   */
  public OutputFiles input(String what, Path file) {
    return add(inputs, what, file);
  }

  /** A result of the run: refused when it exists, unless {@link Overwrite#REPLACE}. */
  public OutputFiles output(String what, Path file) {
    return add(outputs, what, file);
  }

  /**
   * A training run's checkpoint ({@code null}: none): replaced freely when the run resumes from
   * it ({@code resume}), else refused when it exists unless {@link Overwrite#REPLACE}, since it
   * holds the progress of an earlier run (or is some other file, named by mistake).
   */
  public OutputFiles checkpoint(Path file, boolean resume) {
    return add(resume ? scratch : checkpoints, "checkpoint", file);
  }

  private OutputFiles add(List<Named> list, String what, Path file) {
    if (file != null) {
      list.add(new Named(Objects.requireNonNull(what, "what"), file));
    }
    return this;
  }

  /**
   * Makes the checks.
   *
   * @throws OutputFileException naming the file, what is wrong and the fix
   */
  public void check() {
    List<Named> written = new ArrayList<>(outputs);
    written.addAll(checkpoints);
    written.addAll(scratch);
    for (Named out : written) {
      for (Named in : inputs) {
        if (sameFile(out.file, in.file)) {
          throw new OutputFileException("the " + out.what + " " + out.file + " is the " + in.what + " " + in.file
              + (out.file.equals(in.file) ? "" : " (the same file under another name)")
              + "; an input is never overwritten: name another " + out.what);
        }
      }
    }
    for (int i = 0; i < written.size(); i++) {
      for (int j = i + 1; j < written.size(); j++) {
        Named a = written.get(i);
        Named b = written.get(j);
        if (sameFile(a.file, b.file)) {
          throw new OutputFileException("the " + a.what + " " + a.file + " and the " + b.what + " " + b.file
              + " are the same file; name two files");
        }
      }
    }
    for (Named out : written) {
      checkFolder(out);
    }
    if (overwrite == Overwrite.REFUSE) {
      for (Named out : outputs) {
        if (Files.exists(out.file, LinkOption.NOFOLLOW_LINKS)) {
          throw new OutputFileException("the " + out.what + " " + out.file + " exists; Overwrite.REPLACE replaces it");
        }
      }
      for (Named out : checkpoints) {
        if (Files.exists(out.file, LinkOption.NOFOLLOW_LINKS)) {
          throw new OutputFileException("the checkpoint " + out.file + " exists, kept by an earlier run that did not"
              + " finish; resume(true) continues that run, Overwrite.REPLACE starts afresh and replaces it");
        }
      }
    }
  }

  private static void checkFolder(Named out) {
    if (Files.isDirectory(out.file)) {
      throw new OutputFileException("the " + out.what + " " + out.file + " is a folder; name a file");
    }
    Path parent = out.file.toAbsolutePath().getParent();
    Path folder = existingAncestor(parent);
    if (folder == null) {
      return;
    }
    for (int i = folder.getNameCount(); i < parent.getNameCount(); i++) {
      if (parent.getName(i).toString().equals("..")) {
        throw new OutputFileException("the " + out.what + " " + out.file + " cannot be written: its path goes"
            + " through a folder that does not exist and back (..); name it without ..");
      }
    }
    if (!Files.isDirectory(folder)) {
      throw new OutputFileException("the " + out.what + " " + out.file + " cannot be written: " + folder
          + " is a file, not a folder; name a file in a folder");
    }
    if (folder.equals(parent)) {
      try { // what the write will do first, so that a read-only file system is found now, not hours later
        Files.delete(Files.createTempFile(folder, ".fracnet-check", ".tmp"));
      } catch (IOException e) {
        throw notWritable(out, folder, IoErrors.reason(e));
      }
    } else if (!Files.isWritable(folder)) {
      throw notWritable(out, folder, "it is read-only or permission is denied");
    }
  }

  private static OutputFileException notWritable(Named out, Path folder, String reason) {
    return new OutputFileException("the " + out.what + " " + out.file + " cannot be written: no file can be made in"
        + " the folder " + folder + " (" + reason + "); write it elsewhere or change the folder's permissions");
  }

  /**
   * Whether {@code a} and {@code b} are one file: the same file when both exist (links
   * included), else the same place once the folders that exist are resolved.
   */
  static boolean sameFile(Path a, Path b) {
    if (Files.exists(a) && Files.exists(b)) {
      try {
        return Files.isSameFile(a, b);
      } catch (IOException e) {
        // unreadable: compare where they are instead
      }
    }
    return place(a).equals(place(b));
  }

  /** {@code file} absolute, with its longest existing prefix replaced by its real path. */
  private static Path place(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path existing = existingAncestor(absolute);
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      return absolute;
    }
  }

  private static Path existingAncestor(Path path) {
    Path p = path;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }
}
