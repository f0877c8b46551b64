package dev.sieve.words;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An append-only byte sequence in pages of {@code 2^pageBits} bytes, with no single array past a
 * page and a 64-bit length: where a sorted run kept in memory lives, front-coded by {@link
 * RunWriter} through {@link #output()} and read back by {@link RunReader} through {@link
 * #input()}. Memory: the pages, allocated in full, plus 8 bytes a page for the page table. Written
 * by one thread, then read by one thread at a time (handed over through a {@code Future}).
 */
final class PagedBytes {
  private final int pageBits;
  private byte[][] pages = new byte[4][];
  private int pageCount;
  private long length;

  PagedBytes(int pageBits) {
    this.pageBits = pageBits;
  }

  /** Bytes written. */
  long length() {
    return length;
  }

  /** Heap bytes held: the pages and the page table. */
  long byteSize() {
    return ((long) pageCount << pageBits) + 8L * pages.length;
  }

  /** A stream appending to these bytes. */
  OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        while (len > 0) {
          int in = (int) (length & ((1 << pageBits) - 1));
          if (in == 0 && length == (long) pageCount << pageBits) {
            if (pageCount == pages.length) {
              pages = Arrays.copyOf(pages, pageCount * 2);
            }
            pages[pageCount++] = new byte[1 << pageBits];
          }
          int n = Math.min(len, (1 << pageBits) - in);
          System.arraycopy(b, off, pages[(int) (length >>> pageBits)], in, n);
          length += n;
          off += n;
          len -= n;
        }
      }
    };
  }

  /** A stream reading these bytes from the start. */
  InputStream input() {
    return new InputStream() {
      private long at;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at == length) {
          return -1;
        }
        int in = (int) (at & ((1 << pageBits) - 1));
        int n = (int) Math.min(Math.min(len, (1 << pageBits) - in), length - at);
        System.arraycopy(pages[(int) (at >>> pageBits)], in, b, off, n);
        at += n;
        return n;
      }
    };
  }
}
