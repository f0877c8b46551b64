package dev.sieve.registry;

import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How an update batch's elements are written in the journal: words as a count then
 * varint-length-prefixed UTF-8 strings; numbers in Roaring's portable format (ranges stay small).
 */
final class UpdatePayload {
  private UpdatePayload() {}

  static byte[] words(List<byte[]> words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + words.size() * 12);
    varint(out, words.size());
    for (byte[] w : words) {
      varint(out, w.length);
      out.write(w, 0, w.length);
    }
    return out.toByteArray();
  }

  static List<byte[]> words(byte[] payload) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(payload);
    int n = varint(in);
    List<byte[]> out = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      int len = varint(in);
      if (len < 0 || len > in.remaining()) {
        throw new IOException("corrupt word update payload");
      }
      byte[] w = new byte[len];
      in.get(w);
      out.add(w);
    }
    if (in.hasRemaining()) {
      throw new IOException("trailing bytes in word update payload");
    }
    return out;
  }

  static byte[] numbers(NumberSet set) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(1 << 20, NumberSetFormat.serializedSize(set)));
    try {
      NumberSetFormat.write(set, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static NumberSet numbers(byte[] payload) {
    return NumberSetFormat.read(ByteBuffer.wrap(payload));
  }

  private static void varint(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static int varint(ByteBuffer in) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!in.hasRemaining()) {
        throw new IOException("truncated word update payload");
      }
      int b = in.get();
      v |= (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IOException("corrupt varint in word update payload");
  }
}
