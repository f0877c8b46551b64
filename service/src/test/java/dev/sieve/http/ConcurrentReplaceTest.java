package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readers hammering a set while it is replaced see the old or the new set whole, never a mix. */
class ConcurrentReplaceTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  private static String numbers(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(i * 3L).append('\n');
    }
    return b.toString();
  }

  private static String words(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = count - 1; i >= 0; i--) {
      b.append("w").append(i).append('\n');
    }
    return b.toString();
  }

  @Test
  void readersNeverSeeAHalfBuiltSet() throws Exception {
    String small = numbers(20_000);
    String large = numbers(200_000);
    String fewWords = words(20_000);
    String manyWords = words(100_000);
    assertEquals(200, server.http().put("/v1/numbers/c", small).status());
    assertEquals(200, server.http().put("/v1/words/c", fewWords).status());

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          JsonObject range = server.http().get("/v1/numbers/c/range?limit=1&from=0").json();
          long count = range.getLong("count");
          if (count != 20_000 && count != 200_000) {
            problems.add("numbers count " + count);
          }
          JsonObject prefix = server.http().get("/v1/words/c/prefix?prefix=w&limit=1").json();
          long words = prefix.getLong("count");
          if (words != 20_000 && words != 100_000) {
            problems.add("words count " + words);
          }
          JsonObject stats = server.http().get("/v1/numbers/c").json();
          if (!Set.of(20_000L, 200_000L).contains(stats.getLong("cardinality"))) {
            problems.add("stats " + stats);
          }
          reads.incrementAndGet();
        }
      });
      reader.start();
      readers.add(reader);
    }
    for (int round = 0; round < 6; round++) {
      assertEquals(200, server.http().put("/v1/numbers/c", round % 2 == 0 ? large : small).status());
      assertEquals(200, server.http().put("/v1/words/c", round % 2 == 0 ? manyWords : fewWords).status());
    }
    stop.set(true);
    for (Thread reader : readers) {
      reader.join(30_000);
    }
    assertTrue(problems.isEmpty(), problems.toString());
    assertTrue(reads.get() > 0);
    assertEquals(20_000L, server.http().get("/v1/numbers/c").json().getLong("cardinality"));
  }
}
