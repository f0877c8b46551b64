package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/** What an upload is comes from its first bytes, never its name; and the server agrees. */
class FileTypeTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @TempDir
  Path dir;

  static FileType of(byte[] bytes) {
    return FileType.of(bytes, Math.min(bytes.length, FileType.HEAD_BYTES));
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static byte[] roaring32(RoaringBitmap bitmap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bitmap.serialize(new DataOutputStream(out));
    return out.toByteArray();
  }

  static byte[] roaring64(Roaring64NavigableMap bitmap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bitmap.serializePortable(new DataOutputStream(out));
    return out.toByteArray();
  }

  @Test
  void toldByMagicBytes() throws IOException {
    byte[] text = "12\n13-20\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(new FileType(false, false), of(text));
    assertEquals(new FileType(true, false), of(gzip(text)));
    assertEquals(new FileType(false, false), of(new byte[0]));
    assertEquals(new FileType(false, false), of(new byte[] {0x1f})); // half a gzip magic

    RoaringBitmap arrays = RoaringBitmap.bitmapOf(1, 5, 1 << 20);
    assertEquals(new FileType(false, true), of(roaring32(arrays))); // cookie 12346: no run containers
    RoaringBitmap runs = new RoaringBitmap();
    runs.add(0L, 100_000L);
    runs.runOptimize();
    byte[] withRuns = roaring32(runs);
    assertEquals(12347, (withRuns[0] & 0xFF) | (withRuns[1] & 0xFF) << 8); // cookie 12347 in the low half
    assertEquals(new FileType(false, true), of(withRuns));
    assertEquals(new FileType(false, true), of(roaring32(new RoaringBitmap())));

    Roaring64NavigableMap wide = Roaring64NavigableMap.bitmapOf(3, 1L << 40, (1L << 62) + 9);
    assertEquals(new FileType(false, true), of(roaring64(wide)));
    assertEquals(new FileType(false, true), of(roaring64(new Roaring64NavigableMap()))); // a zero count alone
    assertEquals(new FileType(true, true), of(gzip(roaring64(wide))));
    assertEquals(new FileType(true, true), of(gzip(roaring32(runs))));

    // no text of numbers looks like either format: digits are 0x30..0x39, never a NUL
    assertFalse(of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1}).roaring());
    assertFalse(of("0000000000000000\n".getBytes(StandardCharsets.UTF_8)).roaring());
    assertEquals("application/x-roaring", of(roaring32(arrays)).contentType(true));
    assertEquals("text/plain; charset=utf-8", of(roaring32(arrays)).contentType(false)); // words are always text
  }

  @Test
  void randomTextOfNumbersIsNeverTakenForRoaring() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      StringBuilder lines = new StringBuilder();
      while (lines.length() < 40) {
        long n = random.nextLong() >>> random.nextInt(64);
        lines.append(n).append(random.nextBoolean() ? "-" + (n + random.nextInt(9)) : "").append(random.nextBoolean() ? "\n" : "\r\n");
      }
      byte[] bytes = lines.toString().getBytes(StandardCharsets.US_ASCII);
      assertEquals(new FileType(false, false), of(bytes), lines.toString());
    }
  }

  @Test
  void aTextFileNamedGzLoadsItsLines() throws IOException {
    // the issue: a plain file named *.gz was sent as gzip, and loaded as an empty set with exit 0
    Path file = dir.resolve("words.txt.gz");
    Files.writeString(file, "one\ntwo\nthree\n");
    CliRun load = CliRun.run(server.http().base, "load", "--no-progress", "words", "ft-named-gz", file.toString());
    assertEquals(0, load.code(), load.toString());
    assertTrue(load.out().startsWith("words ft-named-gz: 3 words"), load.out());
    assertEquals(3, server.service().registry().words().get("ft-named-gz").orElseThrow().set().size());
  }

  @Test
  void aGzipFileNamedTxtIsSentCompressed() throws IOException {
    Path file = dir.resolve("words.txt");
    Files.write(file, gzip("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
    CliRun load = CliRun.run(server.http().base, "load", "--no-progress", "words", "ft-gz-txt", file.toString());
    assertTrue(load.out().startsWith("words ft-gz-txt: 2 words"), load.toString());
  }

  @Test
  void roaringFilesLoadWhateverTheirNameGzipOrNot() throws IOException {
    Roaring64NavigableMap wide = Roaring64NavigableMap.bitmapOf(3, 1L << 40, (1L << 62) + 9);
    RoaringBitmap narrow = new RoaringBitmap();
    narrow.add(10L, 5_010L);
    narrow.runOptimize();
    Object[][] cases = {
        {"ft-r64", "ids.txt", roaring64(wide), 3L},
        {"ft-r32", "ids.gz", roaring32(narrow), 5_000L},
        {"ft-r32gz", "ids", gzip(roaring32(narrow)), 5_000L},
    };
    for (Object[] c : cases) {
      Path file = dir.resolve((String) c[1]);
      Files.write(file, (byte[]) c[2]);
      CliRun load = CliRun.run(server.http().base, "load", "--no-progress", "numbers", (String) c[0], file.toString());
      assertEquals(0, load.code(), c[0] + ": " + load);
      assertEquals(c[3], server.http().json("/v1/numbers/" + c[0]).getLong("cardinality"), (String) c[0]);
    }
    assertEquals(0, CliRun.run(server.http().base, "contains", "numbers", "ft-r64", Long.toString((1L << 62) + 9)).code());
  }

  @Test
  void standardInputIsToldByItsBytesToo() throws IOException {
    CliRun load = CliRun.withStdin(server.http().base, gzip("x\ny\nz\n".getBytes(StandardCharsets.UTF_8)),
        "load", "words", "ft-stdin", "-");
    assertEquals(0, load.code(), load.toString());
    assertTrue(load.out().startsWith("words ft-stdin: 3 words"), load.out());
    assertTrue(load.err().contains("ft-stdin"), load.err()); // a bar with no end: bytes and rate
    CliRun numbers = CliRun.withStdin(server.http().base, roaring32(RoaringBitmap.bitmapOf(4, 8)),
        "load", "--no-progress", "numbers", "ft-stdin-n", "-");
    assertEquals(0, numbers.code(), numbers.toString());
    assertEquals(2, server.http().json("/v1/numbers/ft-stdin-n").getLong("cardinality"));
  }
}
