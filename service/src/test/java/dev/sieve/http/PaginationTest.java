package dev.sieve.http;

import static dev.sieve.testing.HttpTestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Walking a whole set page by page gives exactly the oracle's elements, in order. */
class PaginationTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @Test
  void wordPagesEqualTheOracleInByteOrder() {
    Random random = new Random(42);
    String alphabet = "abcde\u00e9\u00fc\u4e2d\ud83d\ude00";
    TreeSet<String> oracle = new TreeSet<>((a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 6000; i++) {
      StringBuilder w = new StringBuilder();
      int length = 1 + random.nextInt(7);
      for (int k = 0; k < length; k++) {
        int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
        w.appendCodePoint(cp);
      }
      oracle.add(w.toString());
      body.append(w).append(random.nextBoolean() ? "\n" : "\r\n");
      if (random.nextInt(10) == 0) {
        body.append(w).append('\n'); // duplicate
      }
    }
    Answer put = server.http().put("/v1/words/page", body.toString());
    assertEquals(200, put.status(), put.body());
    assertEquals(oracle.size(), put.json().getLong("count"));

    for (String prefix : List.of("", "a", "\u00e9", "ab", "\u4e2d")) {
      List<String> expected = oracle.stream().filter(w -> w.startsWith(prefix)).toList();
      List<String> walked = new ArrayList<>();
      String after = null;
      int pages = 0;
      while (true) {
        String path = "/v1/words/page/prefix?limit=97&prefix=" + q(prefix) + (after == null ? "" : "&after=" + q(after));
        JsonObject page = server.http().get(path).json();
        assertEquals(expected.size(), page.getLong("count"), prefix);
        page.getJsonArray("words").forEach(w -> walked.add((String) w));
        after = page.getString("next");
        pages++;
        if (after == null) {
          break;
        }
        assertTrue(pages <= expected.size() / 97 + 1, "too many pages");
      }
      assertEquals(expected, walked, "prefix " + prefix);
    }
  }

  @Test
  void numberPagesEqualTheOracle() {
    Random random = new Random(7);
    TreeSet<Long> oracle = new TreeSet<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      long base = switch (random.nextInt(3)) {
        case 0 -> random.nextInt(1 << 20);
        case 1 -> (1L << 32) - 50 + random.nextInt(100);
        default -> (random.nextLong() >>> 1);
      };
      if (random.nextInt(5) == 0 && base < Long.MAX_VALUE - 40) {
        long end = base + random.nextInt(40);
        for (long v = base; v <= end; v++) {
          oracle.add(v);
        }
        body.append(base).append('-').append(end).append('\n');
      } else {
        oracle.add(base);
        body.append(base).append('\n');
      }
    }
    Answer put = server.http().put("/v1/numbers/page", body.toString());
    assertEquals(200, put.status(), put.body());
    assertEquals(oracle.size(), put.json().getLong("cardinality"));

    long[][] windows = {{0, -1}, {1000, 1 << 19}, {(1L << 32) - 10, (1L << 32) + 10}, {1L << 62, -1}};
    for (long[] window : windows) {
      long from = window[0];
      List<Long> expected = new ArrayList<>(window[1] < 0 ? oracle.tailSet(from) : oracle.subSet(from, window[1]));
      List<Long> walked = new ArrayList<>();
      Long after = null;
      while (true) {
        String path = "/v1/numbers/page/range?limit=211&from=" + from + (window[1] < 0 ? "" : "&to=" + window[1])
            + (after == null ? "" : "&after=" + after);
        JsonObject page = server.http().get(path).json();
        assertEquals(expected.size(), page.getLong("count"), path);
        page.getJsonArray("numbers").forEach(n -> walked.add(((Number) n).longValue()));
        after = page.getLong("next");
        if (after == null) {
          break;
        }
      }
      assertEquals(expected, walked, "window from " + from);
    }
  }
}
