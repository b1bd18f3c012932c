package org.fracnet.core.model;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.fracnet.core.ModelFileException;
import org.fracnet.core.io.AtomicFile;
import org.fracnet.core.io.IoErrors;

/**
 * The container of {@link ModelFile} and {@link CheckpointFile}: a zip of named byte entries,
 * written atomically with a fixed entry time (so equal contents give byte-equal files), and read
 * defensively, since a file may be damaged or made to harm its reader:
 * <ul>
 *   <li>nothing is ever extracted, yet an entry whose path is absolute or climbs out with
 *       {@code ..}, and two entries of one name, are refused (fracnet never writes them);</li>
 *   <li>an entry is read through a stream that stops one byte past the size the zip declares,
 *       which must be within the reader's cap and possible for its compressed bytes (deflate
 *       unpacks at most {@value #MAX_RATIO} bytes per byte), and is checked at its end against
 *       the declared size and checksum: a zip bomb, a truncated entry or flipped bits are
 *       refused after reading at most the cap, never all of the data.</li>
 * </ul>
 * Readers report what is wrong by throwing {@link Refusal}; {@link #read} adds the file's name
 * and the kind's remedy and throws {@link ModelFileException}.
 */
final class ZipEntries {
  private static final long ENTRY_TIME = 1_795_737_600_000L; // 2026-11-27, fixed for reproducible files
  /** Deflate's largest expansion, bytes out per compressed byte in. */
  static final long MAX_RATIO = 1032;
  private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};

  private ZipEntries() {}

  /**
   * How messages name a kind of file and its remedy.
   *
   * @param noun what the file should be, e.g. "fracnet model file (a zip with ...)"
   * @param missing the message when the file does not exist
   * @param damagedFix appended to "FILE is damaged: WHY"
   * @param foreignFix appended to "FILE is not a NOUN: WHY"
   */
  record Kind(String noun, Function<Path, String> missing, String damagedFix, String foreignFix) {}

  /** What reads one entry's stream. */
  @FunctionalInterface
  interface EntryReader<T> {
    /** Reads from {@code in}, throwing {@link Refusal} to refuse the entry. */
    T read(InputStream in) throws IOException;
  }

  /** What reads the entries of an open zip. */
  @FunctionalInterface
  interface Body<T> {
    /** Reads {@code zip}, throwing {@link Refusal} to refuse it. */
    T read(Reader zip) throws IOException;
  }

  /**
   * Writes {@code entries}, in their iteration order, as a zip at {@code file}, atomically.
   *
   * @throws org.fracnet.core.FracnetException naming the file when it cannot be written
   */
  static void write(Path file, Map<String, byte[]> entries) {
    AtomicFile.write(file, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  /**
   * Opens the zip at {@code file} and reads it with {@code body}.
   *
   * @throws ModelFileException naming the file: when it does not exist, cannot be read, is not a
   *     zip, is damaged, or {@code body} refuses it
   */
  static <T> T read(Path file, Kind kind, Body<T> body) {
    try (Reader zip = new Reader(file)) {
      return body.read(zip);
    } catch (NoSuchFileException e) {
      throw new ModelFileException(kind.missing().apply(file), e);
    } catch (Refusal r) {
      throw new ModelFileException(r.isForeign()
          ? file + " is not a " + kind.noun() + ": " + r.getMessage() + kind.foreignFix()
          : file + " is damaged: " + r.getMessage() + kind.damagedFix(), r);
    } catch (IOException e) {
      throw new ModelFileException(file + " cannot be read: " + IoErrors.reason(e), e);
    }
  }

  /** An open zip whose entry names were checked. */
  static final class Reader implements Closeable {
    private final ZipFile zip;
    private final long fileSize;
    private final Map<String, ZipEntry> entries = new HashMap<>();

    private Reader(Path file) throws IOException {
      if (Files.isDirectory(file)) {
        throw Refusal.foreign("it is a folder");
      }
      fileSize = Files.size(file);
      if (fileSize == 0) {
        throw Refusal.foreign("it is empty");
      }
      try {
        zip = new ZipFile(file.toFile());
      } catch (ZipException | EOFException | RuntimeException e) { // EOF: too short for the zip's end record
        throw startsLikeAZip(file) ? Refusal.damaged(String.valueOf(e.getMessage()).contains("END header")
            ? "the zip archive is cut short (its list of entries, at the end, is missing)"
            : "its zip directory is corrupt", e) : Refusal.foreign("it is not a zip archive");
      }
      try {
        checkNames();
      } catch (IOException | RuntimeException e) {
        zip.close();
        throw e instanceof Refusal r ? r : Refusal.damaged("its zip directory is corrupt", e);
      }
    }

    private static boolean startsLikeAZip(Path file) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return java.util.Arrays.equals(in.readNBytes(LOCAL_HEADER.length), LOCAL_HEADER);
      }
    }

    private void checkNames() throws Refusal {
      for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
        ZipEntry e = all.nextElement();
        String name = e.getName();
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || path.matches("[A-Za-z]:.*")) {
          throw Refusal.damaged("it has an entry named " + Refusal.quote(name)
              + ", an absolute path (fracnet never writes one)");
        }
        if (("/" + path + "/").contains("/../")) {
          throw Refusal.damaged("it has an entry named " + Refusal.quote(name)
              + ", a path that climbs out of the archive (fracnet never writes one)");
        }
        if (entries.putIfAbsent(name, e) != null) {
          throw Refusal.damaged("it has two entries named " + Refusal.quote(name));
        }
      }
    }

    /** Whether the zip has an entry {@code name}. */
    boolean has(String name) {
      return entries.containsKey(name);
    }

    /** The unpacked size the zip declares for the entry {@code name}, which it has. */
    long size(String name) {
      return entries.get(name).getSize();
    }

    /**
     * A stream of the entry {@code name}, which the zip has, of at most {@code cap} bytes. Only at
     * its end are its size and checksum compared with the declared ones.
     *
     * @throws Refusal when the declared sizes are over the cap or impossible, and from the
     *     stream, when the data are corrupt, longer or shorter than declared, or fail the checksum
     */
    private InputStream open(String name, long cap) throws IOException {
      ZipEntry e = entries.get(name);
      long size = e.getSize();
      long packed = e.getCompressedSize();
      if (size < 0 || packed < 0) {
        throw Refusal.damaged(name + " has no valid size in the zip directory");
      }
      if (size > cap) {
        throw Refusal.damaged(name + " unpacks to " + size + " bytes, more than the " + cap
            + " fracnet reads for it");
      }
      if (packed > fileSize) {
        throw Refusal.damaged(name + " claims " + packed + " compressed bytes, more than the whole file's "
            + fileSize);
      }
      if (e.getMethod() == ZipEntry.STORED ? size != packed : size > packed * MAX_RATIO + 64) {
        throw Refusal.damaged(name + " claims to unpack " + packed + " bytes into " + size
            + ", more than compression allows (a zip bomb?)");
      }
      try {
        return new CheckedEntry(zip.getInputStream(e), name, size, e.getCrc());
      } catch (ZipException | RuntimeException x) {
        throw Refusal.damaged(name + " cannot be unpacked: its zip header is corrupt", x);
      }
    }

    /** The bytes of the entry {@code name}, which the zip has, of at most {@code cap} bytes; see {@link #open}. */
    byte[] readAll(String name, long cap) throws IOException {
      return read(name, cap, InputStream::readAllBytes); // bounded: the stream ends at the declared size, at most cap
    }

    /**
     * Reads the entry {@code name}, which the zip has, of at most {@code cap} bytes, with
     * {@code reader}, then checks that it ends there with its declared size and checksum. When
     * {@code reader} refuses the entry, the rest is read first (without keeping it, at most
     * {@code cap} bytes): if the entry was damaged in the zip, that is what the message says,
     * rather than what the damage looked like (a NaN where bits flipped, say).
     */
    <T> T read(String name, long cap, EntryReader<T> reader) throws IOException {
      try (InputStream in = open(name, cap)) {
        T result;
        try {
          result = reader.read(in);
        } catch (Refusal r) {
          drain(in);
          throw r;
        }
        drain(in);
        return result;
      }
    }

    private static void drain(InputStream in) throws IOException {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // the entry's stream checks size and checksum at its end
      }
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }

  /** An entry's bytes, checked against the size and CRC-32 the zip declares. */
  private static final class CheckedEntry extends InputStream {
    private final InputStream in;
    private final String name;
    private final long size;
    private final long crc;
    private final CRC32 actual = new CRC32();
    private long count;
    private boolean ended;

    CheckedEntry(InputStream in, String name, long size, long crc) {
      this.in = in;
      this.name = name;
      this.size = size;
      this.crc = crc;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      try {
        return checkedRead(b, off, len);
      } catch (Refusal r) {
        ended = true; // refused once: the stream ends
        throw r;
      }
    }

    private int checkedRead(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, (int) Math.min(len, size - count + 1)); // one byte past the size shows a longer entry
      } catch (ZipException | EOFException | RuntimeException e) {
        throw Refusal.damaged(name + " cannot be unpacked: its compressed data are corrupt", e);
      }
      if (n < 0) {
        ended = true;
        if (count != size) {
          throw Refusal.damaged(name + " unpacks to " + count + " bytes, fewer than the " + size + " it declares");
        }
        if (crc >= 0 && actual.getValue() != crc) {
          throw Refusal.damaged(name + " does not match its checksum: its bytes were altered");
        }
        return -1;
      }
      count += n;
      if (count > size) {
        throw Refusal.damaged(name + " unpacks to more than the " + size + " bytes it declares: it is damaged, or a zip bomb");
      }
      actual.update(b, off, n);
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
