package dev.sieve.words;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads back a run of {@link RunWriter} as {@link SortedWords}, through one buffer of {@code
 * bufferBytes} (its own, not a {@code BufferedInputStream}, whose every {@code read()} takes a
 * lock). The run must hold exactly the {@code words} its writer reported: a short or long run is
 * an {@link UncheckedIOException} naming it, as is any read failure. Not thread-safe.
 */
final class RunReader implements SortedWords, Closeable {
  private final String name;
  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;
  private final long words;
  private long read;
  private byte[] cur = new byte[64];
  private int curLen;

  /** Reads {@code in}, which holds {@code words} words; {@code name} (a file, "memory") goes into errors. */
  RunReader(InputStream in, int bufferBytes, long words, String name) {
    this.name = name;
    this.in = in;
    this.buf = new byte[Math.max(bufferBytes, 64)];
    this.words = words;
  }

  @Override
  public boolean next() {
    try {
      if (read == words) {
        if (pos < limit || fill()) {
          throw new IOException("run " + name + " holds more than its " + words + " words");
        }
        return false;
      }
      int shared = readLeb();
      int rest = readLeb();
      if (shared > curLen) {
        throw new IOException("run " + name + " is corrupt at word " + read);
      }
      int len = shared + rest;
      if (cur.length < len) {
        cur = Arrays.copyOf(cur, Math.max(len, cur.length * 2));
      }
      int at = shared;
      while (at < len) {
        if (pos == limit && !fill()) {
          throw truncated();
        }
        int n = Math.min(len - at, limit - pos);
        System.arraycopy(buf, pos, cur, at, n);
        pos += n;
        at += n;
      }
      curLen = len;
      read++;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int readLeb() throws IOException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos == limit && !fill()) {
        throw truncated();
      }
      int x = buf[pos++];
      v |= (x & 0x7F) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw new IOException("run " + name + " is corrupt at word " + read);
  }

  private IOException truncated() {
    return new IOException("run " + name + " ends after " + read + " of its " + words + " words");
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  @Override
  public byte[] bytes() {
    return cur;
  }

  @Override
  public int offset() {
    return 0;
  }

  @Override
  public int length() {
    return curLen;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
