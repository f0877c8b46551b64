package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.testing.Golden;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The catalog's value format (what {@link Catalog} puts in its Chronicle Map under {@code kind/name}),
 * pinned by golden files: format 2 decodes and re-encodes byte for byte; format 1, written by
 * older builds, still decodes (with no baseline and no checksum recorded).
 */
class CatalogEntryFormatTest {
  static final CatalogEntry V2 = new CatalogEntry("words", "en", 3, "words-656e-3.trie", 104_334, 230_000,
      1_700_000_000_000L, 17, 9_876_543, 0x1234ABCD);
  static final CatalogEntry V1 = new CatalogEntry("numbers", "primes", 1, "numbers-7072696d6573-1.roaring",
      1_077_871, 2_000_000, 1_700_000_000_001L, 0);

  @Test
  void format2DecodesAndEncodesByteForByte() throws IOException {
    Golden.assertEncodes("catalog-entry-v2.bin", V2.encode());
    assertEquals(V2, CatalogEntry.decode(Golden.read("catalog-entry-v2.bin")));
  }

  @Test
  void format1StillDecodes() throws IOException {
    CatalogEntry old = CatalogEntry.decode(Golden.read("catalog-entry-v1.bin"));
    assertEquals(V1, old);
    assertEquals(0, old.baselineBytes());
    assertEquals(0, old.checksum());
  }

  @Test
  void anUnknownFormatIsRefusedNamingIt() {
    byte[] future = Golden.read("catalog-entry-v2.bin");
    future[0] = 3;
    IOException e = assertThrows(IOException.class, () -> CatalogEntry.decode(future));
    assertEquals("catalog entry format 3 unknown (this build reads 1 and 2)", e.getMessage());
  }
}
