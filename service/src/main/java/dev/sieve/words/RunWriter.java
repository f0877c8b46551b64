package dev.sieve.words;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes one sorted run of an external sort, front-coded: for each distinct word, the LEB128
 * length of the prefix it shares with the word before, the LEB128 length of the rest, and the
 * rest. Sorted name-like words share most of their bytes with their predecessor, so a run is
 * usually much smaller than its words. No header or trailer: a run is temporary (a file in the
 * spill directory, or {@link PagedBytes} in memory) and read back only by {@link RunReader}, told
 * the word count this writer reports.
 *
 * <p>Words must come in ascending unsigned byte order; a word equal to the one before is dropped.
 * Buffered (one array of {@code bufferBytes}); not thread-safe.
 */
final class RunWriter implements Closeable {
  private final OutputStream out;
  private final byte[] buf;
  private int pos;
  private byte[] prev = new byte[64];
  private int prevLen = -1;
  private long words;
  private long bytes;
  private boolean closed;

  RunWriter(OutputStream out, int bufferBytes) {
    this.out = out;
    this.buf = new byte[Math.max(bufferBytes, 64)];
  }

  /** Appends {@code w[off, off+len)} unless it equals the previous word. */
  void add(byte[] w, int off, int len) throws IOException {
    int shared = 0;
    if (prevLen >= 0) {
      int m = Arrays.mismatch(prev, 0, prevLen, w, off, off + len);
      if (m < 0) {
        return; // duplicate
      }
      shared = m;
    }
    int rest = len - shared;
    if (buf.length - pos < 10) {
      flush();
    }
    pos = Leb128.write(buf, pos, shared);
    pos = Leb128.write(buf, pos, rest);
    if (rest <= buf.length - pos) {
      System.arraycopy(w, off + shared, buf, pos, rest);
      pos += rest;
    } else {
      flush();
      out.write(w, off + shared, rest);
      bytes += rest;
    }
    if (prev.length < len) {
      prev = Arrays.copyOf(prev, Math.max(len, prev.length * 2));
    }
    System.arraycopy(w, off + shared, prev, shared, rest);
    prevLen = len;
    words++;
  }

  /** Distinct words written. */
  long words() {
    return words;
  }

  /** Bytes written so far (all of them once closed). */
  long bytes() {
    return bytes + pos;
  }

  private void flush() throws IOException {
    out.write(buf, 0, pos);
    bytes += pos;
    pos = 0;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flush();
    } finally {
      out.close();
    }
  }
}
