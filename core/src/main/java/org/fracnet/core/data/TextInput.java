package org.fracnet.core.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.fracnet.core.DataException;
import org.fracnet.core.io.IoErrors;

/**
 * The bytes of a data file as UTF-8 text, for {@link CsvTable}. Gunzips the file as a stream when
 * it starts with the gzip magic bytes {@code 1f 8b}, whatever its name; drops a byte order mark;
 * and turns every way the bytes can fail to be text into a {@link DataException} that says so: a
 * file that looks binary (a NUL byte, or the signature of an archive, spreadsheet, PDF or image),
 * UTF-16 text, a byte sequence that is not UTF-8 (naming the line and the byte offset, counted
 * from 0 in the text as decompressed), a damaged gzip stream, or a read error. {@link #read} never
 * throws {@link IOException}, so those errors pass through the CSV parser unchanged.
 */
final class TextInput extends Reader {
  private static final int BUFFER = 1 << 16;
  /** How much of the start is checked for signs of a binary file. */
  private static final int SNIFF = 8192;
  private static final String FIX = "; give the data as a CSV text file saved as UTF-8";

  private final String name;
  private final Counting raw;
  private final InputStream in;
  private final boolean gzip;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
  /** Bytes of text before the buffer's start. */
  private long before;
  /** The line of the next byte to decode, counting LF, CR and CRLF as one line end each. */
  private long line = 1;
  private boolean afterCr;
  private boolean eof;
  private boolean flushed;
  /** A char decoded but not yet returned, or -1. */
  private int pending = -1;

  private TextInput(String name, Counting raw, InputStream in, boolean gzip) {
    this.name = name;
    this.raw = raw;
    this.in = in;
    this.gzip = gzip;
  }

  /**
   * Opens {@code stream} (closed by the returned reader, or here on failure) as UTF-8 text.
   *
   * @param name the file, for messages
   * @throws DataException when the file is not text, or its gzip header is damaged
   */
  static TextInput open(String name, InputStream stream) {
    Counting raw = new Counting(stream);
    TextInput text = null;
    try {
      byte[] magic = raw.readNBytes(2);
      boolean gzip = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
      InputStream restored = new Prefixed(magic, raw);
      InputStream in = gzip ? gunzip(name, restored) : restored;
      text = new TextInput(name, raw, in, gzip);
      text.sniff();
      return text;
    } catch (IOException e) {
      throw closing(text, raw, text == null ? unreadable(name, e) : text.damaged(e));
    } catch (RuntimeException e) {
      throw closing(text, raw, e);
    }
  }

  private static InputStream gunzip(String name, InputStream in) {
    try {
      return new GZIPInputStream(in, BUFFER);
    } catch (IOException e) {
      throw new DataException(name + " starts as a gzip file but its gzip header is damaged or cut short;"
          + " compress the CSV file again, or give it uncompressed");
    }
  }

  private static RuntimeException closing(TextInput text, InputStream raw, RuntimeException e) {
    try {
      if (text != null) {
        text.close();
      } else {
        raw.close();
      }
    } catch (IOException ignored) {
      // failing already; the original error is the one to report
    }
    return e;
  }

  static DataException unreadable(String name, IOException e) {
    return new DataException(name + " cannot be read (" + IoErrors.reason(e) + "); check the file and its permissions");
  }

  /** Checks the start of the text for a byte order mark (UTF-8: dropped; UTF-16: refused) and for binary. */
  private void sniff() throws IOException {
    while (!eof && bytes.remaining() < SNIFF) {
      fill();
    }
    int n = Math.min(bytes.remaining(), SNIFF);
    byte[] start = new byte[n];
    bytes.get(bytes.position(), start);
    if (startsWith(start, 0xff, 0xfe) || startsWith(start, 0xfe, 0xff)) {
      throw new DataException(name + " is UTF-16 text, not UTF-8" + FIX
          + " (in Excel: Save As, CSV UTF-8)");
    }
    String kind = binaryKind(start);
    if (kind != null) {
      throw new DataException(name + " is not a CSV text file: it looks like " + kind + FIX);
    }
    long lineBefore = line;
    boolean crBefore = afterCr;
    int nul = advance(bytes.position(), bytes.position() + n);
    if (nul >= 0) {
      throw nul(nul);
    }
    line = lineBefore; // the bytes are counted again as they are decoded
    afterCr = crBefore;
    if (startsWith(start, 0xef, 0xbb, 0xbf)) {
      bytes.position(bytes.position() + 3);
    }
  }

  private static boolean startsWith(byte[] data, int... prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((data[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** What a file starting with {@code start} is, when its signature says it is not text; or null. */
  private static String binaryKind(byte[] start) {
    if (startsWith(start, 'P', 'K', 3, 4) || startsWith(start, 'P', 'K', 5, 6)) {
      return "a zip archive (an Excel .xlsx workbook is one; export the sheet as CSV UTF-8)";
    }
    if (startsWith(start, 0xd0, 0xcf, 0x11, 0xe0)) {
      return "an Excel .xls workbook or another Office document (export the sheet as CSV UTF-8)";
    }
    if (startsWith(start, '%', 'P', 'D', 'F')) {
      return "a PDF document";
    }
    if (startsWith(start, 0x89, 'P', 'N', 'G') || startsWith(start, 0xff, 0xd8, 0xff)
        || startsWith(start, 'G', 'I', 'F', '8')) {
      return "an image";
    }
    if (startsWith(start, 'P', 'A', 'R', '1')) {
      return "a Parquet file";
    }
    return null;
  }

  /** The error for the NUL byte at {@code index} in the buffer, {@link #line} being its line. */
  private DataException nul(int index) {
    return new DataException(name + " is not a CSV text file: it looks binary (a NUL byte at line " + line
        + ", byte offset " + (before + index) + where() + ")" + FIX);
  }

  /**
   * Counts the line ends (LF, CR or CRLF) among the buffer's bytes {@code from} to {@code to}, up to
   * a NUL byte.
   *
   * @return the NUL byte's index, or -1
   */
  private int advance(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes.get(i);
      if (b == 0) {
        return i;
      }
      if (b == '\r' || (b == '\n' && !afterCr)) {
        line++;
      }
      afterCr = b == '\r';
    }
    return -1;
  }

  private String where() {
    return gzip ? " of the decompressed text" : "";
  }

  /** Reads more bytes into the buffer; sets {@link #eof} at the end. */
  private void fill() throws IOException {
    before += bytes.position();
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public int read(char[] cbuf, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pending >= 0) {
      cbuf[off] = (char) pending;
      pending = -1;
      return 1;
    }
    if (len == 1) { // a character outside the BMP needs two chars: keep the second for the next read
      char[] two = new char[2];
      int n = read(two, 0, 2);
      if (n == 2) {
        pending = two[1];
      }
      if (n > 0) {
        cbuf[off] = two[0];
      }
      return Math.min(n, 1);
    }
    if (flushed) {
      return -1;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (true) {
      int from = bytes.position();
      CoderResult result = decoder.decode(bytes, out, eof);
      check(from, bytes.position());
      if (result.isError()) {
        throw notUtf8();
      }
      if (result.isOverflow() || out.position() > off) {
        return out.position() - off;
      }
      if (eof) {
        flushed = true;
        decoder.flush(out);
        return out.position() > off ? out.position() - off : -1;
      }
      try {
        fill();
      } catch (IOException e) {
        throw damaged(e);
      }
    }
  }

  /** Counts the line ends among the bytes just decoded, and refuses a NUL byte among them. */
  private void check(int from, int to) {
    int nul = advance(from, to);
    if (nul >= 0) {
      throw nul(nul);
    }
  }

  private DataException notUtf8() {
    int at = bytes.position();
    StringBuilder shown = new StringBuilder();
    for (int i = at; i < Math.min(at + 4, bytes.limit()); i++) {
      shown.append(i == at ? "" : " ").append(String.format("0x%02X", bytes.get(i) & 0xff));
    }
    String found = shown.length() == 0 ? "a multi-byte character cut short by the end of the file"
        : "the bytes " + shown;
    return new DataException(name + " is not UTF-8 text: it stops being UTF-8 at line " + line + ", byte offset "
        + (before + at) + where() + " (" + found + "; text from Excel or Windows is often Latin-1 or Windows-1252);"
        + " save the file as UTF-8 (in Excel: Save As, CSV UTF-8) or convert it, e.g. iconv -f windows-1252"
        + " -t utf-8");
  }

  /** The error for a read that failed: a damaged gzip stream, or a read error. */
  private DataException damaged(IOException e) {
    if (gzip) {
      return new DataException(name + " is gzip-compressed but damaged or cut short: its text stops near line "
          + line + "; compress the CSV file again, or give it uncompressed");
    }
    return unreadable(name, e);
  }

  /** Whether the file is gzip-compressed. */
  boolean gzip() {
    return gzip;
  }

  /** Bytes read from the file so far (compressed bytes for a gzip file), for memory estimates. */
  long rawBytesRead() {
    return raw.count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Counts the bytes read. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** A few bytes already read, then the rest of a stream. */
  private static final class Prefixed extends InputStream {
    private final byte[] prefix;
    private final InputStream rest;
    private int at;

    Prefixed(byte[] prefix, InputStream rest) {
      this.prefix = prefix;
      this.rest = rest;
    }

    @Override
    public int read() throws IOException {
      return at < prefix.length ? prefix[at++] & 0xff : rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (at < prefix.length && len > 0) {
        int n = Math.min(len, prefix.length - at);
        System.arraycopy(prefix, at, b, off, n);
        at += n;
        return n;
      }
      return rest.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      rest.close();
    }
  }
}
