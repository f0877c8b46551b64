package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.words.WordSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

  @Test
  void snapshotsAreWrittenAtomicallyAndMappedBack(@TempDir Path dir) throws IOException {
    SnapshotFiles files = new SnapshotFiles(dir);
    WordSet set = WordSet.of(List.of("alpha", "beta", "gamma"));
    long size = files.write("words-demo-1.trie", set::writeTo);
    assertEquals(Files.size(dir.resolve("words-demo-1.trie")), size);
    WordSet back = WordSet.read(files.map("words-demo-1.trie"));
    assertEquals(3, back.size());
    assertTrue(back.contains("beta"));
    // A writer that fails leaves neither the new file nor a temporary one.
    assertThrows(IOException.class, () -> files.write("words-demo-2.trie", out -> {
      out.write(1);
      throw new IOException("disk full");
    }));
    assertFalse(files.exists("words-demo-2.trie"));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("words-demo-1.trie")), s.toList());
    }
    files.delete("words-demo-1.trie");
    assertFalse(files.exists("words-demo-1.trie"));
    assertThrows(IllegalArgumentException.class, () -> files.map("../etc/passwd"));
  }

  @Test
  void strayTemporaryFilesOfACrashedWriteAreRemovedOnOpen(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("words-x-1.trie.tmp"), "half a file");
    Files.writeString(dir.resolve("words-x-0.trie"), "kept");
    new SnapshotFiles(dir);
    assertFalse(Files.exists(dir.resolve("words-x-1.trie.tmp")));
    assertTrue(Files.exists(dir.resolve("words-x-0.trie")));
  }

  @Test
  void catalogSurvivesReopening(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.dat");
    CatalogEntry en = new CatalogEntry("words", "en", 3, "words-en-3.trie", 104334, 230000, 1700000000000L, 17);
    CatalogEntry primes = new CatalogEntry("numbers", "primes", 1, "numbers-primes-1.roaring", 1077871, 2000000, 1700000000001L, 0);
    try (Catalog c = Catalog.open(file)) {
      assertTrue(c.isEmpty());
      c.put(en);
      c.put(primes);
      c.put(new CatalogEntry("words", "gone", 1, "words-gone-1.trie", 1, 40, 1, 0));
      c.remove("words", "gone");
      assertTrue(c.offHeapBytes() > 0);
    }
    assertFalse(Files.exists(Chronicle.openMarker(file)), "a clean close leaves no marker");
    try (Catalog c = Catalog.open(file)) {
      assertEquals(List.of(primes, en), c.all());
      assertEquals(en, c.get("words", "en").orElseThrow());
      assertTrue(c.get("words", "gone").isEmpty());
    }
  }

  @Test
  void catalogLeftOpenByACrashIsRecovered(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.dat");
    CatalogEntry en = new CatalogEntry("words", "en", 1, "words-en-1.trie", 3, 50, 1, 0);
    try (Catalog c = Catalog.open(file)) {
      c.put(en);
    }
    Files.createFile(Chronicle.openMarker(file)); // as if the last process died with it open
    assertTrue(Chronicle.needsRecovery(file));
    try (Catalog c = Catalog.open(file)) {
      assertEquals(List.of(en), c.all());
    }
  }

  @AfterAll
  static void chronicleNeverPhonesHome() {
    Path home = Path.of(System.getProperty("user.home"));
    assertFalse(Files.exists(home.resolve(".chronicle.analytics.client.id")), "Chronicle analytics client id written");
    assertFalse(Files.exists(home.resolve(".chronicle.analytics.last")), "Chronicle analytics timestamp written");
  }
}
