package dev.sieve.numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.ImmutableBitmapDataProvider;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Set algebra over {@link NumberSet}s, bucket by bucket, across 32- and 64-bit sets alike: the
 * result is 32-bit whenever all its values fit (an {@code and} of a 64-bit and a 32-bit set is).
 * Buckets that only one operand holds are shared with the result, not copied (unless mapped:
 * results live on the heap). An {@code and} with a mapped bucket reads it in place.
 */
public enum SetOperation {
  AND,
  OR,
  XOR,
  ANDNOT;

  /** The operation named {@code name} ({@code and}, {@code or}, {@code xor}, {@code andnot}). */
  public static SetOperation parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown operation: " + name + " (and, or, xor, andnot)");
    }
  }

  /** Folds the operation left to right over {@code sets} (at least one). */
  public NumberSet apply(List<NumberSet> sets) {
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("no sets to combine");
    }
    NumberSet result = sets.get(0);
    for (int i = 1; i < sets.size(); i++) {
      result = apply(result, sets.get(i));
    }
    return result;
  }

  /** {@code a op b}. */
  public NumberSet apply(NumberSet a, NumberSet b) {
    int[] ha = a.highs();
    int[] hb = b.highs();
    List<Integer> highs = new ArrayList<>();
    List<RoaringBitmap> lows = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < ha.length || j < hb.length) {
      int cmp = i == ha.length ? 1 : j == hb.length ? -1 : Integer.compare(ha[i], hb[j]);
      RoaringBitmap out;
      int high;
      if (cmp == 0) {
        high = ha[i];
        out = combine(a.bucket(i++), b.bucket(j++));
      } else if (cmp < 0) {
        high = ha[i];
        out = this == AND ? null : a.heapBucket(i);
        i++;
      } else {
        high = hb[j];
        out = this == OR || this == XOR ? b.heapBucket(j) : null;
        j++;
      }
      if (out != null && !out.isEmpty()) {
        highs.add(high);
        lows.add(out);
      }
    }
    if (highs.isEmpty()) {
      return NumberSet.empty();
    }
    int[] h = new int[highs.size()];
    for (int k = 0; k < h.length; k++) {
      h[k] = highs.get(k);
    }
    return new NumberSet(h, lows.toArray(new RoaringBitmap[0]));
  }

  private RoaringBitmap combine(ImmutableBitmapDataProvider x, ImmutableBitmapDataProvider y) {
    if (x instanceof RoaringBitmap a && y instanceof RoaringBitmap b) {
      return combine(a, b);
    }
    if (this == AND) {
      // a mapped bucket read in place; the heap one (an update, usually small) copied to match
      RoaringBitmap out = ImmutableRoaringBitmap.and(immutable(x), immutable(y)).toRoaringBitmap();
      out.runOptimize();
      out.trim();
      return out;
    }
    return combine(heap(x), heap(y));
  }

  private static ImmutableRoaringBitmap immutable(ImmutableBitmapDataProvider b) {
    return b instanceof ImmutableRoaringBitmap i ? i : ((RoaringBitmap) b).toMutableRoaringBitmap();
  }

  private static RoaringBitmap heap(ImmutableBitmapDataProvider b) {
    return b instanceof RoaringBitmap r ? r : ((ImmutableRoaringBitmap) b).toRoaringBitmap();
  }

  private RoaringBitmap combine(RoaringBitmap a, RoaringBitmap b) {
    RoaringBitmap out = switch (this) {
      case AND -> RoaringBitmap.and(a, b);
      case OR -> RoaringBitmap.or(a, b);
      case XOR -> RoaringBitmap.xor(a, b);
      case ANDNOT -> RoaringBitmap.andNot(a, b);
    };
    out.runOptimize();
    out.trim();
    return out;
  }

  /** The operation's name as clients write it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
