package dev.sieve.words;

import dev.sieve.memory.JvmLayout;

/**
 * A blocked Bloom filter over the words of one {@link WordLevel}: says for certain that a word is
 * not in the level, so the delta's lookups skip the level's binary search, as an LSM tree's
 * per-run filters let a read skip runs. An update batch's new words are in no level, so without
 * it each word paid a binary search of every level (about log2(level) unsigned compares each,
 * the cache misses of a large level included): the profile of 1,000-word batches on a 663k-word
 * set put 30% of the server's CPU there. With it a miss costs one cache line per level.
 *
 * <p>About {@link #BITS_PER_WORD} bits a word in blocks of 512 bits (one cache line), {@link
 * #PROBES} bits set per word within its block: false positives about 1-2% (blocking costs a little
 * over a plain filter of the same size), never a false negative. A word's {@link #hash} is worked
 * out once and asked of every level. Immutable once built; thread-safe.
 */
final class WordFilter {
  /** Bits of filter per word: about 1% false positives at {@link #PROBES} probes. */
  static final int BITS_PER_WORD = 10;
  /** Bits set (and asked) per word, within one block. */
  static final int PROBES = 7;
  private static final int BLOCK_LONGS = 8; // 512 bits: one 64-byte cache line

  private final long[] bits;
  private final int blocks;

  private WordFilter(int words) {
    this.blocks = (int) Math.max(1, ((long) words * BITS_PER_WORD + 511) / 512);
    this.bits = new long[blocks * BLOCK_LONGS];
  }

  /** A filter over the words of {@code in} and {@code out}. */
  static WordFilter of(ByteStrings in, ByteStrings out) {
    WordFilter f = new WordFilter(in.count() + out.count());
    f.addAll(in);
    f.addAll(out);
    return f;
  }

  private void addAll(ByteStrings words) {
    byte[] b = words.bytes();
    for (int i = 0; i < words.count(); i++) {
      long h = hash(b, words.start(i), words.length(i));
      int base = block(h);
      long p = probes(h);
      for (int k = 0; k < PROBES; k++, p >>>= 9) {
        int bit = (int) (p & 511);
        bits[base + (bit >>> 6)] |= 1L << bit;
      }
    }
  }

  /** False if the word whose {@link #hash} is {@code h} is certainly not in the level. */
  boolean mightContain(long h) {
    int base = block(h);
    long p = probes(h);
    for (int k = 0; k < PROBES; k++, p >>>= 9) {
      int bit = (int) (p & 511);
      if ((bits[base + (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The first long of the block of {@code h}: its high 32 bits scaled to the block count. */
  private int block(long h) {
    return (int) (((h >>> 32) * blocks) >>> 32) * BLOCK_LONGS;
  }

  /** 63 bits for the probes, independent of the block's (a second mix of the hash). */
  private static long probes(long h) {
    return mix(h + 0x9E3779B97F4A7C15L);
  }

  /** A 64-bit hash of {@code w[off, off+len)}: FNV-1a over the bytes, then MurmurHash3's finaliser. */
  static long hash(byte[] w, int off, int len) {
    long h = 0xcbf29ce484222325L;
    for (int i = off, end = off + len; i < end; i++) {
      h = (h ^ (w[i] & 0xff)) * 0x100000001b3L;
    }
    return mix(h ^ len);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  /** Exact heap bytes: the bit array and this object. */
  long byteSize() {
    return JvmLayout.object(JvmLayout.REFERENCE + 4) + JvmLayout.array(8, bits.length);
  }
}
