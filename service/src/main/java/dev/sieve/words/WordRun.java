package dev.sieve.words;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One in-memory run of an external sort: words appended in arrival order into fixed-size pages of
 * bytes, each word stored as a LEB128 length then its bytes, never split across pages; then
 * sorted in unsigned byte order through a {@code long[]} of word addresses (and sort keys) built
 * by one scan of the pages.
 *
 * <p>A word's address is {@code page << pageBits | offset}: an {@code int}, so a run spans at most
 * 2^31 bytes of address space ({@link #fits} says when the next word would pass it, and the
 * collector then starts a new run). A word longer than a page gets a page of its own, as long as
 * the word, at offset 0. Memory: the pages (allocated in full) plus the page table plus, once
 * sorted, 8 bytes per word (address and sort key, see {@link KeyPrefixSort}); {@link #byteSize}
 * counts those from the first word on, so a run never needs more than it said. Not thread-safe: filled by one thread, then sorted and read
 * by one thread at a time (the collector hands it over through a {@code Future}, which orders the
 * accesses).
 */
final class WordRun {
  // One more entry per page in the page table (a reference) and in pageUsed (an int).
  private static final int PAGE_TABLE_BYTES = 12;
  /**
   * Below this many words, a second thread costs more than it saves; {@code
   * -Dsieve.words.serialSort=true} turns the two-thread sort off (to measure what it brings).
   */
  static final int PARALLEL_MIN = Boolean.getBoolean("sieve.words.serialSort") ? Integer.MAX_VALUE : 1 << 15;

  private final int pageBits;
  private final int pageSize;
  private final long addressSpace;
  private byte[][] pages = new byte[4][];
  private int[] pageUsed = new int[4];
  private int pageCount;
  private long pageBytes;
  private int count;
  private long[] order; // low 32 bits: a word's address; high 32: KeyPrefixSort's key
  private int ranges; // sorted ranges of order: 1, or 2 halves sorted on two threads
  // While every word added is >= the one before: sort() has nothing to do.
  private boolean arrivedSorted = true;
  private int lastPage = -1;
  private int lastStart;
  private int lastLength;

  /**
   * A run whose pages hold {@code 2^pageBits} bytes and whose addresses span {@code
   * 2^addressBits} bytes (31 in production: addresses are non-negative {@code int}s; less in tests,
   * to reach the end of the address space with a few words).
   */
  WordRun(int pageBits, int addressBits) {
    if (pageBits < 4 || pageBits >= addressBits || addressBits > 31) {
      throw new IllegalArgumentException("pageBits " + pageBits + ", addressBits " + addressBits);
    }
    this.pageBits = pageBits;
    this.pageSize = 1 << pageBits;
    this.addressSpace = 1L << addressBits;
  }

  /** Words in the run, duplicates included. */
  int count() {
    return count;
  }

  /** Heap bytes the run holds: pages, page table, and 8 per word for the sort's array. */
  long byteSize() {
    return pageBytes + (long) PAGE_TABLE_BYTES * pages.length + 8L * count;
  }

  /** Bytes {@code byteSize()} grows by if a word of {@code len} bytes is added now (at most). */
  long cost(int len) {
    int need = Leb128.size(len) + len;
    boolean newPage = pageCount == 0 || pageUsed[pageCount - 1] + need > pages[pageCount - 1].length;
    return 8 + (newPage ? Math.max(pageSize, need) + PAGE_TABLE_BYTES : 0);
  }

  /** True if a word of {@code len} bytes still has an address in this run. */
  boolean fits(int len) {
    int need = Leb128.size(len) + len;
    if (pageCount > 0 && pageUsed[pageCount - 1] + need <= pages[pageCount - 1].length) {
      return true;
    }
    return ((long) pageCount + 1) << pageBits <= addressSpace;
  }

  /** Appends {@code utf8[off, off+len)}; call {@link #fits} first. */
  void add(byte[] utf8, int off, int len) {
    int need = Leb128.size(len) + len;
    if (pageCount == 0 || pageUsed[pageCount - 1] + need > pages[pageCount - 1].length) {
      newPage(need);
    }
    int p = pageCount - 1;
    byte[] page = pages[p];
    int at = Leb128.write(page, pageUsed[p], len);
    System.arraycopy(utf8, off, page, at, len);
    pageUsed[p] = at + len;
    if (arrivedSorted && lastPage >= 0) {
      arrivedSorted = Arrays.compareUnsigned(pages[lastPage], lastStart, lastStart + lastLength, utf8, off, off + len) <= 0;
    }
    lastPage = p;
    lastStart = at;
    lastLength = len;
    count++;
  }

  private void newPage(int need) {
    if (((long) pageCount + 1) << pageBits > addressSpace) {
      throw new IllegalStateException("word run address space is full");
    }
    if (pageCount == pages.length) {
      pages = Arrays.copyOf(pages, pageCount * 2);
      pageUsed = Arrays.copyOf(pageUsed, pageCount * 2);
    }
    byte[] page = new byte[Math.max(pageSize, need)];
    pages[pageCount++] = page;
    pageBytes += page.length;
  }

  /**
   * Builds the address array and sorts it; with {@code helper} non-null, the second half is sorted
   * there while this thread sorts the first, and {@link #cursors} returns the two halves. Returns
   * the number of sorted ranges (1 or 2), each in unsigned byte order with duplicates kept.
   */
  int sort(Executor helper) {
    order = new long[count];
    int w = 0;
    for (int p = 0; p < pageCount; p++) {
      byte[] page = pages[p];
      int used = pageUsed[p];
      int base = p << pageBits;
      int at = 0;
      while (at < used) {
        order[w++] = base | at;
        int len = Leb128.read(page, at);
        at += Leb128.size(len) + len;
      }
    }
    if (arrivedSorted) {
      ranges = 1;
      return 1;
    }
    if (helper == null || count < PARALLEL_MIN) {
      new KeyPrefixSort(this).sort(order, 0, count);
      ranges = 1;
      return 1;
    }
    int mid = count >>> 1;
    CompletableFuture<Void> second = CompletableFuture.runAsync(
        () -> new KeyPrefixSort(this).sort(order, mid, count), helper);
    new KeyPrefixSort(this).sort(order, 0, mid);
    second.join();
    ranges = 2;
    return 2;
  }

  /** The sorted ranges of {@link #sort}, as cursors (duplicates kept). */
  SortedWords[] cursors() {
    if (ranges == 1) {
      return new SortedWords[] {new Cursor(0, count)};
    }
    int mid = count >>> 1;
    return new SortedWords[] {new Cursor(0, mid), new Cursor(mid, count)};
  }

  /** The page holding address {@code a}. */
  byte[] page(int a) {
    return pages[a >>> pageBits];
  }

  /** Offset of address {@code a} in its page. */
  int offset(int a) {
    return a & (pageSize - 1);
  }

  /** The word at {@code order[lo, hi)} in sorted order. */
  private final class Cursor implements SortedWords {
    private int next;
    private final int end;
    private byte[] page;
    private int start;
    private int length;

    Cursor(int lo, int hi) {
      next = lo;
      end = hi;
    }

    @Override
    public boolean next() {
      if (next == end) {
        return false;
      }
      int a = (int) order[next++];
      page = pages[a >>> pageBits];
      int o = a & (pageSize - 1);
      length = Leb128.read(page, o);
      start = o + Leb128.size(length);
      return true;
    }

    @Override
    public byte[] bytes() {
      return page;
    }

    @Override
    public int offset() {
      return start;
    }

    @Override
    public int length() {
      return length;
    }
  }
}
