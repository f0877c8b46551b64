package dev.sieve.api;

import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A number set in Roaring's portable format ({@link NumberSetFormat}), cut into pieces as it is written. */
final class ExportChunks extends OutputStream {
  private final List<byte[]> chunks = new ArrayList<>();
  private final byte[] buffer;
  private int used;

  private ExportChunks(int size) {
    this.buffer = new byte[size];
  }

  /** {@code set}'s bytes in pieces of at most {@code chunkBytes} (all full but the last). */
  static List<byte[]> of(NumberSet set, int chunkBytes) {
    ExportChunks out = new ExportChunks((int) Math.min(chunkBytes, Math.max(16, NumberSetFormat.serializedSize(set))));
    try {
      NumberSetFormat.write(set, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
    return out.chunks;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, buffer.length - used);
      System.arraycopy(b, off, buffer, used, n);
      used += n;
      off += n;
      len -= n;
      if (used == buffer.length) {
        flush();
      }
    }
  }

  @Override
  public void flush() {
    if (used > 0) {
      chunks.add(Arrays.copyOf(buffer, used));
      used = 0;
    }
  }
}
