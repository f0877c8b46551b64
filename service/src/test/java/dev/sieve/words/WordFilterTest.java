package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A level's filter never says "not here" of a word it holds (a false negative would hide an
 * update), and says "maybe" of few words it does not hold (else it saves no lookups).
 */
class WordFilterTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 1000, 50_000})
  void holdsEveryWordAndFewOthers(int words) {
    Random rnd = new Random(words);
    List<byte[]> in = new ArrayList<>();
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < words; i++) {
      (i % 3 == 0 ? out : in).add(("w" + rnd.nextLong()).getBytes(StandardCharsets.UTF_8));
    }
    ByteStrings ins = ByteStrings.sortedUnique(in);
    ByteStrings outs = ByteStrings.sortedUnique(out);
    WordFilter f = WordFilter.of(ins, outs);
    for (ByteStrings s : List.of(ins, outs)) {
      for (int i = 0; i < s.count(); i++) {
        assertTrue(f.mightContain(WordFilter.hash(s.bytes(), s.start(i), s.length(i))), s.string(i));
      }
    }
    int others = 100_000;
    int maybe = 0;
    for (int i = 0; i < others; i++) {
      byte[] w = ("x" + rnd.nextLong()).getBytes(StandardCharsets.UTF_8); // 'x': in no set above
      if (f.mightContain(WordFilter.hash(w, 0, w.length))) {
        maybe++;
      }
    }
    assertTrue(maybe < others * 3 / 100, maybe + " false positives of " + others);
  }
}
