package dev.sieve.words;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The encoded trie's bytes: a run of up to 2^63 bytes addressed by {@code long} offsets, held as
 * pages of {@code 2^shift} bytes each (the last one shorter), heap arrays or mappings of a
 * snapshot. One {@link ByteBuffer} cannot pass 2^31 bytes, hence the pages; nothing else in the
 * trie knows about them: a node may straddle two pages, every byte is read through {@link #get}.
 *
 * <p>The page size is a power of two so that finding a byte costs a shift and a mask. The default
 * ({@link #DEFAULT_SHIFT}, 1 GiB) keeps every trie this service has built so far in one page; the
 * tests use pages of a few bytes so that page boundaries are crossed inside nodes all the time.
 * The file format does not depend on it.
 *
 * <p>Immutable once built; the pages' contents must never change (a mapping of a snapshot that is
 * written once). Safe to read from any thread.
 */
final class TrieBytes {
  /** Page size of the tries built and mapped here: 2^30 bytes. */
  static final int DEFAULT_SHIFT = 30;

  private final ByteBuffer[] pages;
  /** The one page when there is one (every trie below 1 GiB): one load less per byte read. */
  private final ByteBuffer single;
  private final int shift;
  private final long mask;
  private final long length;

  private TrieBytes(ByteBuffer[] pages, int shift, long length) {
    this.pages = pages;
    this.single = pages.length == 1 ? pages[0] : null;
    this.shift = shift;
    this.mask = (1L << shift) - 1;
    this.length = length;
  }

  /** One page holding all of {@code b}'s bytes from 0 to its capacity. */
  static TrieBytes of(ByteBuffer b) {
    return new TrieBytes(new ByteBuffer[] {b}, 31, b.capacity());
  }

  /**
   * Pages of {@code 2^shift} bytes, each but the last full (every page's bytes run from 0 to its
   * capacity).
   */
  static TrieBytes of(ByteBuffer[] pages, int shift) {
    if (shift < 0 || shift > 30) {
      throw new IllegalArgumentException("page shift " + shift + " outside [0, 30]");
    }
    long length = 0;
    for (int i = 0; i < pages.length; i++) {
      int c = pages[i].capacity();
      if (i < pages.length - 1 ? c != 1 << shift : c < 1 || c > 1 << shift) {
        throw new IllegalArgumentException("page " + i + " of " + pages.length + " holds " + c + " bytes, pages of 2^" + shift);
      }
      length += c;
    }
    return pages.length == 1 ? of(pages[0]) : new TrieBytes(pages.clone(), shift, length);
  }

  /** The same bytes copied into heap pages of {@code 2^shift} bytes. */
  TrieBytes repaged(int shift) {
    Writer w = new Writer(length, shift);
    for (long p = 0; p < length; p++) {
      w.put(get(p));
    }
    return w.finish();
  }

  byte get(long p) {
    final ByteBuffer b = single;
    if (b != null) {
      return b.get((int) p);
    }
    return pages[(int) (p >>> shift)].get((int) (p & mask));
  }

  long length() {
    return length;
  }

  int pageCount() {
    return pages.length;
  }

  /** The one heap array holding every byte, or null (several pages, or not on the heap). */
  byte[] singleArray() {
    ByteBuffer b = pages[0];
    return pages.length == 1 && b.hasArray() && b.arrayOffset() == 0 && b.array().length == b.capacity() ? b.array() : null;
  }

  /** Whether the bytes are outside the Java heap (mapped). */
  boolean isDirect() {
    return pages[0].isDirect();
  }

  /** A read-only view of page {@code i}, positioned at 0. */
  ByteBuffer page(int i) {
    return pages[i].duplicate().clear();
  }

  void updateChecksum(CRC32C crc) {
    for (ByteBuffer b : pages) {
      checksum(crc, b.duplicate().clear());
    }
  }

  /** Bytes a checksum takes in one call: see {@link #checksum}. */
  static final int CHECKSUM_CHUNK = 1 << 20;

  /**
   * {@code crc.update(b)}, {@value #CHECKSUM_CHUNK} bytes at a time: one call over a page of up
   * to 1 GiB (a mapped one faulting its pages in) runs in the JVM's intrinsic with no safepoint
   * poll, holding every other thread (the event loops) at the next safepoint until it ends.
   */
  static void checksum(CRC32C crc, ByteBuffer b) {
    for (int at = b.position(), end = b.limit(); at < end; at += CHECKSUM_CHUNK) {
      crc.update(b.duplicate().position(at).limit((int) Math.min(end, (long) at + CHECKSUM_CHUNK)));
    }
  }

  /** Fills heap pages of a length known up front, byte after byte. Not thread-safe. */
  static final class Writer {
    private final byte[][] pages;
    private final int shift;
    private final long length;
    private long at;

    Writer(long length, int shift) {
      if (shift < 0 || shift > 30) {
        throw new IllegalArgumentException("page shift " + shift + " outside [0, 30]");
      }
      if (length < 1) {
        throw new IllegalArgumentException("a trie has at least one byte, not " + length);
      }
      long n = ((length - 1) >>> shift) + 1;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(length + " bytes need more than 2^31 pages of 2^" + shift);
      }
      this.pages = new byte[(int) n][];
      this.shift = shift;
      this.length = length;
      for (int i = 0; i < n; i++) {
        pages[i] = new byte[(int) Math.min(1L << shift, length - ((long) i << shift))];
      }
    }

    void put(byte b) {
      pages[(int) (at >>> shift)][(int) (at & ((1L << shift) - 1))] = b;
      at++;
    }

    /** Writes {@code v} as an unsigned LEB128 varint; returns its bytes. */
    int putVar(long v) {
      int n = 1;
      while ((v & ~0x7FL) != 0) {
        put((byte) ((v & 0x7F) | 0x80));
        v >>>= 7;
        n++;
      }
      put((byte) v);
      return n;
    }

    long position() {
      return at;
    }

    TrieBytes finish() {
      if (at != length) {
        throw new IllegalStateException("wrote " + at + " of " + length + " bytes");
      }
      ByteBuffer[] b = new ByteBuffer[pages.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = ByteBuffer.wrap(pages[i]);
      }
      return b.length == 1 ? of(b[0]) : new TrieBytes(b, shift, length);
    }
  }
}
