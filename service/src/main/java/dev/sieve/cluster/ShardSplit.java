package dev.sieve.cluster;

import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.numbers.SetOperation;
import dev.sieve.registry.SetKind;
import dev.sieve.words.WordCursor;
import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Cuts a built set into shards of about equal element counts, each as the snapshot bytes a replica
 * reads back (the trie's format for words, Roaring's portable format for numbers). Split points are
 * chosen here, from the data: words at ranks {@code k n / s} of the sorted order; numbers at
 * multiples of 2^16 (Roaring's container keys, the high bits) near ranks {@code k n / s}. Pure and
 * CPU-bound: call on a worker. A shard is never empty unless the set is (then there is one).
 */
public final class ShardSplit {
  /** One shard's keys [{@code from}, {@code to}) (to null: unbounded), its snapshot bytes, elements and CRC32C. */
  public record Part(String from, String to, byte[] bytes, long count, String checksum) {}

  private ShardSplit() {}

  /** {@code set} cut into at most {@code shards} parts in key order; the first starts at the empty word. */
  public static List<Part> words(WordSet set, int shards) {
    long n = set.size();
    int s = (int) Math.max(1, Math.min(shards, n));
    List<Part> parts = new ArrayList<>(s);
    WordCursor c = set.cursor();
    boolean more = c.next();
    String from = "";
    for (int k = 0; k < s; k++) {
      long end = k == s - 1 ? n : (k + 1) * n / s;
      long start = k * n / s;
      WordSetBuilder b = new WordSetBuilder();
      for (long r = start; r < end && more; r++) {
        b.add(c.bytes(), 0, c.length());
        more = c.next();
      }
      String to = more && k < s - 1 ? c.current() : null;
      WordSet shard = b.build();
      parts.add(part(from, to, bytes(shard), shard.size()));
      from = to;
    }
    return parts;
  }

  /** {@code set} cut into at most {@code shards} parts at multiples of 2^16; the first starts at 0. */
  public static List<Part> numbers(NumberSet set, int shards) {
    long n = set.cardinality();
    List<Long> cuts = new ArrayList<>();
    cuts.add(0L);
    for (int k = 1; k < shards && n > 0; k++) {
      long cut = cutNear(set, k * n / shards);
      if (cut > cuts.get(cuts.size() - 1) && set.count(cut, Long.MAX_VALUE) > 0) {
        cuts.add(cut);
      }
    }
    List<Part> parts = new ArrayList<>(cuts.size());
    for (int i = 0; i < cuts.size(); i++) {
      long first = cuts.get(i);
      long last = i + 1 < cuts.size() ? cuts.get(i + 1) - 1 : Long.MAX_VALUE;
      NumberSetBuilder b = new NumberSetBuilder();
      long next = first;
      while (next <= last) {
        long[] page = set.list(next, last, 1 << 16);
        if (page.length == 0) {
          break;
        }
        for (long v : page) {
          b.add(v);
        }
        if (page[page.length - 1] == last) {
          break;
        }
        next = page[page.length - 1] + 1;
      }
      NumberSet shard = b.build();
      parts.add(part(Long.toString(first), i + 1 < cuts.size() ? Long.toString(cuts.get(i + 1)) : null, bytes(shard),
          shard.cardinality()));
    }
    return parts;
  }

  /** The least multiple of 2^16 below which at least {@code rank} members lie (binary search on the high bits). */
  private static long cutNear(NumberSet set, long rank) {
    long lo = 0;
    long hi = Long.MAX_VALUE >>> 16; // in units of 2^16
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (set.count(0, (mid << 16) - 1) >= rank) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo << 16;
  }

  private static Part part(String from, String to, byte[] bytes, long count) {
    return new Part(from, to, bytes, count, checksum(bytes));
  }

  /** CRC32C of {@code bytes} in hex: what the shard map says a shard's snapshot must hash to. */
  public static String checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  static byte[] bytes(WordSet set) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      set.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(NumberSet set) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      NumberSetFormat.write(set, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The set the snapshot bytes of its shards hold, the shards in key order (as {@link #words} and
   * {@link #numbers} cut them): a {@link WordSet} for words, a {@link NumberSet} for numbers.
   * Each is read as untrusted input, as a replica reads a shard it is shipped.
   */
  public static Object join(SetKind kind, List<byte[]> shards) throws IOException {
    if (kind == SetKind.WORDS) {
      WordSetBuilder b = new WordSetBuilder();
      for (byte[] bytes : shards) {
        WordCursor c = WordSet.read(java.nio.ByteBuffer.wrap(bytes)).cursor();
        while (c.next()) {
          b.add(c.bytes(), 0, c.length());
        }
      }
      return b.build();
    }
    List<NumberSet> parts = new ArrayList<>(shards.size());
    for (byte[] bytes : shards) {
      parts.add(NumberSetFormat.read(java.nio.ByteBuffer.wrap(bytes)));
    }
    return parts.isEmpty() ? NumberSet.empty() : SetOperation.OR.apply(parts);
  }
}
