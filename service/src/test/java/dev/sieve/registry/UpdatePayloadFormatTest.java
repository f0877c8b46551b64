package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.numbers.NumberSet;
import dev.sieve.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an update batch's elements look like inside a journal record, pinned by golden files: words
 * as a varint count and varint-length-prefixed UTF-8 (a word of 200 bytes takes a two-byte length);
 * numbers in Roaring's portable format, the same bytes as a number-set snapshot.
 */
class UpdatePayloadFormatTest {
  static final List<String> WORDS = List.of("cat", "dog", "zoë", "日本", "x".repeat(200));

  @Test
  void wordsDecodeAndEncodeByteForByte() throws IOException {
    List<byte[]> words = WORDS.stream().map(w -> w.getBytes(StandardCharsets.UTF_8)).toList();
    Golden.assertEncodes("update-words-v1.bin", UpdatePayload.words(words));
    List<byte[]> back = UpdatePayload.words(Golden.read("update-words-v1.bin"));
    assertEquals(WORDS, back.stream().map(w -> new String(w, StandardCharsets.UTF_8)).toList());
  }

  @Test
  void numbersAreTheSnapshotFormat() {
    byte[] golden = Golden.read("numbers-64-v1.roaring");
    NumberSet set = UpdatePayload.numbers(golden);
    assertArrayEquals(golden, UpdatePayload.numbers(set));
  }
}
