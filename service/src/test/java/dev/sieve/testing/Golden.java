package dev.sieve.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The golden files of {@code src/test/resources/golden}: bytes that pin an on-disk format, the way
 * RoaringBitmap pins its portable format. A format test decodes its golden file to the value it
 * expects and encodes that value back to the same bytes, so changing a format means adding a new
 * golden file (named for its format version) beside the old ones, which must still decode.
 *
 * <p>A golden file is never rewritten by a test. A new one is made once, deliberately: run its test
 * with {@code -Dsieve.golden.create=true} (it writes the files that are missing into the source
 * tree, then fails so that the run is not mistaken for a pass), read the bytes, commit them.
 */
public final class Golden {
  private static final Path SOURCE = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  /** The bytes of golden file {@code name}; fails the test if there is no such file. */
  public static byte[] read(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        fail("no golden file " + name + " (make it once with -Dsieve.golden.create=true)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code encoded} is byte for byte golden file {@code name}. */
  public static void assertEncodes(String name, byte[] encoded) {
    // the source tree, not the class path: a copy left in target/ is not a golden file
    if (Boolean.getBoolean("sieve.golden.create") && !Files.exists(SOURCE.resolve(name))) {
      try {
        Files.createDirectories(SOURCE);
        Files.write(SOURCE.resolve(name), encoded);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      fail("created golden file " + SOURCE.resolve(name) + ": check its bytes and commit it");
    }
    byte[] golden = read(name);
    int at = Arrays.mismatch(golden, encoded);
    if (at >= 0) {
      fail("the encoding of " + name + " changed at byte " + at + " (golden " + golden.length + " bytes, now "
          + encoded.length + "): golden " + around(golden, at) + ", now " + around(encoded, at));
    }
  }

  /** Up to 16 bytes from {@code at}, in hex. */
  private static String around(byte[] bytes, int at) {
    int from = Math.min(at, bytes.length);
    return "[" + HexFormat.ofDelimiter(" ").formatHex(bytes, from, Math.min(bytes.length, from + 16)) + "]";
  }
}
