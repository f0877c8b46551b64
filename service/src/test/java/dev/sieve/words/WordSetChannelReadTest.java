package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot read in place through {@link WordSet.Mapper#ofChannel} (its bytes checksummed by
 * reads, not through the mapping): the same set as read through a plain mapping, one part or
 * several, with small pages too; any flipped byte of a trie's bytes is refused as through the
 * mapping.
 */
class WordSetChannelReadTest {

  private static byte[] file(long partWords) throws IOException {
    TreeSet<byte[]> sorted = new TreeSet<>(java.util.Arrays::compareUnsigned);
    for (int i = 0; i < 5000; i++) {
      sorted.add(("user" + (i * 7919 % 100_003) + (i % 3 == 0 ? "-é" : "_日")).getBytes(StandardCharsets.UTF_8));
    }
    WordSetBuilder b = new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, partWords);
    for (byte[] w : sorted) {
      b.add(w, 0, w.length);
    }
    WordSet set = b.build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    set.writeTo(out);
    return out.toByteArray();
  }

  private static WordSet read(Path f, int pageShift, boolean channel) throws IOException {
    try (FileChannel ch = FileChannel.open(f)) {
      WordSet.Mapper m = channel ? WordSet.Mapper.ofChannel(ch) : (at, n) -> ch.map(FileChannel.MapMode.READ_ONLY, at, n);
      return WordSet.readInPlace(m, ch.size(), pageShift);
    }
  }

  private static byte[] bytes(WordSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    set.writeTo(out);
    return out.toByteArray();
  }

  @ParameterizedTest(name = "words per part: {0}")
  @ValueSource(longs = {Long.MAX_VALUE, 700})
  void readByChannelIsTheSetReadByMapping(long partWords, @TempDir Path dir) throws IOException {
    byte[] bytes = file(partWords);
    Path f = Files.write(dir.resolve("w.trie"), bytes);
    for (int pageShift : new int[] {TrieBytes.DEFAULT_SHIFT, 10}) {
      WordSet viaChannel = read(f, pageShift, true);
      WordSet viaMapping = read(f, pageShift, false);
      assertTrue(viaChannel.isMapped());
      assertEquals(viaMapping.size(), viaChannel.size());
      assertEquals(partWords == Long.MAX_VALUE ? 1 : viaMapping.partCount(), viaChannel.partCount());
      assertArrayEquals(bytes, bytes(viaChannel));
      assertTrue(viaChannel.contains("user0-é"));
    }
  }

  @ParameterizedTest(name = "words per part: {0}")
  @ValueSource(longs = {Long.MAX_VALUE, 700})
  void aFlippedByteIsRefusedByChannelAsByMapping(long partWords, @TempDir Path dir) throws IOException {
    byte[] good = file(partWords);
    // bytes well inside the file: a trie's data (a parts file's header, or a trie's, is short)
    for (int at : new int[] {good.length / 3, good.length / 2, good.length - 40}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x10;
      Path f = Files.write(dir.resolve("bad-" + at + ".trie"), bad);
      assertThrows(IOException.class, () -> read(f, 10, true), "byte " + at);
      assertThrows(IOException.class, () -> read(f, 10, false), "byte " + at);
    }
  }
}
