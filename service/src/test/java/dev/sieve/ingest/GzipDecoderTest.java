package dev.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The strict gzip decoder against {@link GZIPInputStream} as oracle on valid streams, and on
 * every way a stream can be wrong: cut at every byte, every byte flipped, trailing data, bad
 * headers, bad deflate data, a wrong CRC32 or ISIZE.
 */
class GzipDecoderTest {
  private static final byte[] TEXT = "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n".repeat(20)
      .getBytes(StandardCharsets.US_ASCII);

  /** Decodes {@code gz} fed in chunks of {@code chunk} bytes, read {@code out} bytes at a time. */
  static byte[] decode(byte[] gz, int chunk, int out) {
    return decode(gz, new int[] {chunk}, out);
  }

  /** As above with chunk sizes taken in turn from {@code chunks}. */
  static byte[] decode(byte[] gz, int[] chunks, int out) {
    GzipDecoder decoder = new GzipDecoder();
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    byte[] buffer = new byte[out];
    int at = 0;
    int turn = 0;
    try {
      while (true) {
        if (decoder.needsInput()) {
          if (at == gz.length) {
            decoder.end();
            return result.toByteArray();
          }
          int n = Math.min(chunks[turn++ % chunks.length], gz.length - at);
          // a fresh array each time: the decoder must not rely on the previous chunk
          decoder.input(Arrays.copyOfRange(gz, at, at + n), 0, n);
          at += n;
        }
        int n = decoder.read(buffer, 0, buffer.length);
        result.write(buffer, 0, n);
      }
    } finally {
      decoder.close();
    }
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  static byte[] oracle(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static String failure(byte[] gz) {
    return failure(gz, 7);
  }

  private static String failure(byte[] gz, int chunk) {
    return assertThrows(BadInputException.class, () -> decode(gz, chunk, 100)).getMessage();
  }

  @Test
  void randomDataInAnyChunkingMatchesTheOracle() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 40; round++) {
      byte[] data = new byte[random.nextInt(200_000)];
      if (round % 2 == 0) {
        random.nextBytes(data); // incompressible: stored blocks
      } else {
        for (int i = 0; i < data.length; i++) {
          data[i] = (byte) ("abc\n".charAt(random.nextInt(4)));
        }
      }
      byte[] gz = gzip(data);
      byte[] expected = oracle(gz);
      assertArrayEquals(data, expected);
      int[] chunks = {1 + random.nextInt(3), 1 + random.nextInt(5000), 1 + random.nextInt(70_000)};
      assertArrayEquals(expected, decode(gz, chunks, 1 + random.nextInt(100_000)), "round " + round);
      assertArrayEquals(expected, decode(gz, gz.length + 1, 65536), "round " + round + ", one chunk");
    }
  }

  @Test
  void chunkBoundariesEverywhere() throws IOException {
    byte[] gz = concat(gzip(TEXT), gzip(new byte[0]), gzip("x\n".getBytes(StandardCharsets.US_ASCII)));
    byte[] expected = oracle(gz);
    for (int first = 1; first < gz.length; first++) {
      // first chunk cut at every byte, the rest in odd-sized chunks, output read in small pieces
      assertArrayEquals(expected, decode(gz, new int[] {first, 3, 11}, 5), "first chunk " + first);
    }
    assertArrayEquals(expected, decode(gz, 1, 1), "one byte at a time");
  }

  @Test
  void everyCutPointIsTruncated() throws IOException {
    byte[] gz = withHeader(TEXT, 8 | 4 | 16 | 2, "list.txt", "a comment", new byte[] {'A', 'B', 2, 0, 9, 9});
    assertArrayEquals(TEXT, decode(gz, 5, 100));
    for (int cut = 0; cut < gz.length; cut++) {
      byte[] part = Arrays.copyOf(gz, cut);
      assertEquals("truncated gzip stream after " + cut + " bytes", failure(part), "cut at " + cut);
      assertEquals("truncated gzip stream after " + cut + " bytes", failure(part, cut + 1), "cut at " + cut + ", one chunk");
    }
  }

  @Test
  void everyFlippedByteIsRefusedButMtimeXflAndOs() throws IOException {
    byte[] gz = gzip(TEXT);
    for (int i = 0; i < gz.length; i++) {
      byte[] bad = gz.clone();
      bad[i] ^= (byte) 0xFF;
      if (i >= 4 && i <= 9) { // MTIME, XFL, OS: informative, covered by no check
        assertArrayEquals(TEXT, decode(bad, 7, 100), "byte " + i);
        continue;
      }
      String message = failure(bad);
      assertTrue(message.startsWith("invalid gzip data at byte ") || message.startsWith("truncated gzip stream after "),
          "byte " + i + ": " + message);
    }
    int crc = gz.length - 8;
    int isize = gz.length - 4;
    for (int i = 0; i < 4; i++) {
      byte[] bad = gz.clone();
      bad[crc + i] ^= 1;
      assertEquals("invalid gzip data at byte " + crc + ": CRC32 mismatch (the data is damaged)", failure(bad));
    }
    byte[] bad = gz.clone();
    bad[isize] ^= 1;
    assertTrue(failure(bad).startsWith("invalid gzip data at byte " + isize + ": length mismatch"), failure(bad));
    assertTrue(failure(flip(gz, 0)).startsWith("invalid gzip data at byte 0: not a gzip stream"));
    assertTrue(failure(flip(gz, 1)).startsWith("invalid gzip data at byte 1: not a gzip stream"));
    assertTrue(failure(flip(gz, 2)).startsWith("invalid gzip data at byte 2: unknown compression method"));
  }

  private static byte[] flip(byte[] gz, int at) {
    byte[] bad = gz.clone();
    bad[at] ^= (byte) 0xFF;
    return bad;
  }

  @Test
  void aWrongLengthWithTheRightCrcIsRefused() throws IOException {
    byte[] gz = gzip(TEXT);
    gz[gz.length - 4]++; // ISIZE off by one, CRC32 still right
    assertEquals("invalid gzip data at byte " + (gz.length - 4) + ": length mismatch (ISIZE " + (TEXT.length + 1)
        + ", inflated " + TEXT.length + " bytes)", failure(gz));
  }

  @Test
  void shortAndForeignBodies() {
    assertEquals("truncated gzip stream after 0 bytes", failure(new byte[0]));
    assertEquals("invalid gzip data at byte 0: not a gzip stream (bad magic number)",
        failure("not gzip".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("truncated gzip stream after 1 bytes", failure(new byte[] {0x1f}));
    assertEquals("invalid gzip data at byte 3: reserved header flags set",
        failure(new byte[] {0x1f, (byte) 0x8b, 8, (byte) 0x80, 0, 0, 0, 0, 0, 0}));
    byte[] garbage = new byte[40];
    Arrays.fill(garbage, (byte) 0xFF);
    byte[] badDeflate = concat(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, garbage);
    assertTrue(failure(badDeflate).startsWith("invalid gzip data at byte 1"), failure(badDeflate)); // in the first bytes of deflate data
    assertTrue(failure(badDeflate).contains("bad deflate data"), failure(badDeflate));
  }

  @Test
  void trailingDataIsRefusedButZeroPadding() throws IOException {
    byte[] gz = gzip(TEXT);
    int n = gz.length;
    assertEquals("invalid gzip data at byte " + n + ": trailing data after the gzip stream",
        failure(concat(gz, "x".getBytes(StandardCharsets.US_ASCII))));
    assertArrayEquals(TEXT, decode(concat(gz, new byte[512]), 7, 100), "zero padding");
    assertEquals("invalid gzip data at byte " + (n + 3) + ": trailing data after the gzip stream's zero padding",
        failure(concat(gz, new byte[] {0, 0, 0, 'x'})));
    // a byte that may start a member must be followed by the rest of one
    assertEquals("truncated gzip stream after " + (n + 1) + " bytes", failure(concat(gz, new byte[] {0x1f})));
    assertEquals("invalid gzip data at byte " + (n + 1) + ": not a gzip stream (bad magic number)",
        failure(concat(gz, new byte[] {0x1f, 'x'})));
  }

  @Test
  void membersAreReadWhole() throws IOException {
    byte[] a = "first\n".getBytes(StandardCharsets.US_ASCII);
    byte[] gz = concat(gzip(a), gzip(new byte[0]), gzip(TEXT), withHeader(a, 8, "b.txt", null, null));
    assertArrayEquals(concat(a, TEXT, a), decode(gz, 13, 64));
    assertArrayEquals(oracle(gz), decode(gz, 13, 64));
    assertArrayEquals(new byte[0], decode(gzip(new byte[0]), 3, 10), "an empty member is an empty body");
  }

  @Test
  void optionalHeaderFieldsAreSkippedAndTheHeaderCrcChecked() throws IOException {
    for (int flags : new int[] {0, 1, 2, 4, 8, 16, 2 | 4 | 8 | 16, 4 | 16}) {
      byte[] gz = withHeader(TEXT, flags, "words.txt", "made by hand", new byte[] {'S', 'V', 0, 0});
      assertArrayEquals(TEXT, decode(gz, 3, 50), "flags " + flags);
      assertArrayEquals(oracle(gz), decode(gz, 3, 50), "flags " + flags);
    }
    byte[] gz = withHeader(TEXT, 2 | 8, "words.txt", null, null);
    int hcrc = 10 + "words.txt".length() + 1;
    gz[hcrc] ^= 1;
    assertEquals("invalid gzip data at byte " + hcrc + ": header CRC mismatch", failure(gz));
  }

  /**
   * A gzip member with the given FLG bits and fields (RFC 1952 section 2.3): FEXTRA {@code extra},
   * FNAME {@code name}, FCOMMENT {@code comment}, FHCRC the low 16 bits of the header's CRC32.
   */
  static byte[] withHeader(byte[] data, int flags, String name, String comment, byte[] extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
    if ((flags & 4) != 0) {
      out.write(extra.length & 0xFF);
      out.write(extra.length >>> 8);
      out.writeBytes(extra);
    }
    if ((flags & 8) != 0) {
      out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    if ((flags & 16) != 0) {
      out.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    if ((flags & 2) != 0) {
      CRC32 crc = new CRC32();
      crc.update(out.toByteArray());
      out.write((int) crc.getValue() & 0xFF);
      out.write((int) (crc.getValue() >>> 8) & 0xFF);
    }
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    writeInt(out, crc.getValue());
    writeInt(out, data.length);
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, long value) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }
}
