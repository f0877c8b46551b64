package dev.sieve.numbers;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Roaring's portable serialization of a {@link NumberSet}, the format CRoaring, Go and Python
 * Roaring read.
 *
 * <p>A 32-bit set is written as one {@code RoaringBitmap}. A 64-bit set is written as Roaring's
 * 64-bit portable format (as {@code Roaring64NavigableMap.serializePortable}): a little-endian
 * uint64 bucket count, then per bucket a little-endian uint32 key (the high 32 bits) and the
 * bucket's {@code RoaringBitmap}.
 *
 * <p>Reading treats the bytes as untrusted: they must be exactly one well-formed bitmap (checked
 * with {@link RoaringBitmap#validate()}), keys ascending, values below 2^63, nothing left over.
 * Anything else is an {@link InvalidNumberException}, never a partially read set.
 */
public final class NumberSetFormat {
  private static final int SERIAL_COOKIE_NO_RUNCONTAINER = 12346;
  private static final int SERIAL_COOKIE = 12347;

  private NumberSetFormat() {}

  /** Writes {@code set} in the portable format. */
  public static void write(NumberSet set, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    int[] highs = set.highs();
    if (set.is32Bit()) {
      if (highs.length == 0) {
        new RoaringBitmap().serialize(data);
      } else {
        set.bucket(0).serialize(data);
      }
    } else {
      data.writeLong(Long.reverseBytes(highs.length));
      for (int i = 0; i < highs.length; i++) {
        data.writeInt(Integer.reverseBytes(highs[i]));
        set.bucket(i).serialize(data);
      }
    }
    data.flush();
  }

  /** Bytes {@link #write} writes for {@code set}. */
  public static long serializedSize(NumberSet set) {
    int buckets = set.highs().length;
    if (set.is32Bit()) {
      return buckets == 0 ? new RoaringBitmap().serializedSizeInBytes() : set.bucket(0).serializedSizeInBytes();
    }
    long size = 8;
    for (int i = 0; i < buckets; i++) {
      size += 4 + set.bucket(i).serializedSizeInBytes();
    }
    return size;
  }

  /**
   * A set reading {@code bytes} (a memory-mapped snapshot this service wrote from a valid set,
   * its checksum verified by the caller) in place: each bucket an {@link ImmutableRoaringBitmap}
   * over the buffer, nothing copied; the buffer must stay unchanged while the set is in use
   * (a mapping does, even after its file is deleted). Never use it on bytes from outside.
   *
   * @throws InvalidNumberException if the bytes are not laid out as a serialized set
   */
  public static NumberSet map(ByteBuffer bytes) {
    ByteBuffer buf = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (buf.remaining() >= 4) {
        int cookie = buf.getInt(0);
        if ((cookie & 0xFFFF) == SERIAL_COOKIE || cookie == SERIAL_COOKIE_NO_RUNCONTAINER) {
          ImmutableRoaringBitmap bitmap = new ImmutableRoaringBitmap(buf.duplicate());
          if (bitmap.serializedSizeInBytes() == buf.remaining()) {
            return bitmap.isEmpty() ? NumberSet.empty() : new NumberSet(new int[] {0}, new ImmutableRoaringBitmap[] {bitmap});
          }
        }
      }
      if (buf.remaining() < 8) {
        throw new InvalidNumberException("not a portable Roaring bitmap: " + buf.remaining() + " bytes");
      }
      long buckets = buf.getLong(0);
      if (buckets < 0 || buckets > (buf.remaining() - 8) / 12) {
        throw new InvalidNumberException("not a portable Roaring bitmap: bad 64-bit bucket count " + buckets);
      }
      int[] highs = new int[(int) buckets];
      ImmutableRoaringBitmap[] lows = new ImmutableRoaringBitmap[(int) buckets];
      int pos = 8;
      int n = 0;
      for (long b = 0; b < buckets; b++) {
        int high = buf.getInt(pos);
        pos += 4;
        ByteBuffer at = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        at.position(pos);
        ImmutableRoaringBitmap bitmap = new ImmutableRoaringBitmap(at.slice().order(ByteOrder.LITTLE_ENDIAN));
        pos += bitmap.serializedSizeInBytes();
        if (high < 0 || (n > 0 && high <= highs[n - 1]) || pos > buf.remaining()) {
          throw new InvalidNumberException("corrupt 64-bit Roaring bitmap");
        }
        if (!bitmap.isEmpty()) {
          highs[n] = high;
          lows[n++] = bitmap;
        }
      }
      if (pos != buf.remaining()) {
        throw new InvalidNumberException("trailing bytes after Roaring bitmap");
      }
      return n == 0 ? NumberSet.empty()
          : new NumberSet(java.util.Arrays.copyOf(highs, n), java.util.Arrays.copyOf(lows, n));
    } catch (RuntimeException e) {
      throw e instanceof InvalidNumberException i ? i : new InvalidNumberException("corrupt Roaring bitmap: " + e);
    }
  }

  /**
   * Reads a set from {@code bytes} (all remaining bytes, 32- or 64-bit format).
   *
   * @throws InvalidNumberException if the bytes are not exactly one valid serialized set
   */
  public static NumberSet read(ByteBuffer bytes) {
    ByteBuffer buf = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (buf.remaining() >= 4) {
      int cookie = buf.getInt(0);
      if ((cookie & 0xFFFF) == SERIAL_COOKIE || cookie == SERIAL_COOKIE_NO_RUNCONTAINER) {
        RoaringBitmap bitmap = readBitmap(buf, 0);
        if (bitmap != null && bitmap.serializedSizeInBytes() == buf.remaining()) {
          return of32(bitmap);
        }
      }
    }
    return read64(buf);
  }

  private static NumberSet of32(RoaringBitmap bitmap) {
    if (bitmap.isEmpty()) {
      return NumberSet.empty();
    }
    bitmap.runOptimize();
    bitmap.trim();
    return new NumberSet(new int[] {0}, new RoaringBitmap[] {bitmap});
  }

  private static NumberSet read64(ByteBuffer buf) {
    if (buf.remaining() < 8) {
      throw new InvalidNumberException("not a portable Roaring bitmap: " + buf.remaining() + " bytes");
    }
    long buckets = buf.getLong(0);
    int pos = 8;
    if (buckets < 0 || buckets > (buf.remaining() - 8) / 12) {
      throw new InvalidNumberException("not a portable Roaring bitmap: bad 64-bit bucket count " + buckets);
    }
    int[] highs = new int[(int) buckets];
    RoaringBitmap[] lows = new RoaringBitmap[(int) buckets];
    int n = 0;
    for (long b = 0; b < buckets; b++) {
      if (buf.remaining() - pos < 4) {
        throw new InvalidNumberException("truncated 64-bit Roaring bitmap");
      }
      int high = buf.getInt(pos);
      pos += 4;
      if (high < 0) {
        throw new InvalidNumberException("value beyond 2^63-1 in 64-bit Roaring bitmap");
      }
      if (n > 0 && high <= highs[n - 1]) {
        throw new InvalidNumberException("64-bit Roaring bitmap keys out of order");
      }
      RoaringBitmap bitmap = readBitmap(buf, pos);
      if (bitmap == null) {
        throw new InvalidNumberException("corrupt bucket in 64-bit Roaring bitmap");
      }
      pos += bitmap.serializedSizeInBytes();
      if (pos > buf.remaining()) {
        throw new InvalidNumberException("truncated 64-bit Roaring bitmap");
      }
      if (!bitmap.isEmpty()) {
        bitmap.runOptimize();
        bitmap.trim();
        highs[n] = high;
        lows[n++] = bitmap;
      }
    }
    if (pos != buf.remaining()) {
      throw new InvalidNumberException("trailing bytes after Roaring bitmap");
    }
    if (n == 0) {
      return NumberSet.empty();
    }
    return new NumberSet(java.util.Arrays.copyOf(highs, n), java.util.Arrays.copyOf(lows, n));
  }

  /** One bitmap at {@code pos}, or null if the bytes there are not a valid one. */
  private static RoaringBitmap readBitmap(ByteBuffer buf, int pos) {
    try {
      ByteBuffer view = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      view.position(pos);
      RoaringBitmap bitmap = new RoaringBitmap();
      bitmap.deserialize(view.slice().order(ByteOrder.LITTLE_ENDIAN));
      Boolean valid = bitmap.validate();
      return valid == null || valid ? bitmap : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
