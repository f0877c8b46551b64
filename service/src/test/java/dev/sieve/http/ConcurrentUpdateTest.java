package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Readers hammering a set while batches of updates land and compactions fold them in (ratio 0: as
 * often as the compactor can) see whole batches only: every batch adds three words sharing a prefix, so any count
 * or listing that is not a multiple of three is half a batch. And an update, once answered, is
 * seen by every later read.
 */
class ConcurrentUpdateTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withCompaction(new CompactionPolicy(0, Duration.ofHours(1), 0)));

  @Test
  void readersSeeWholeBatchesAndEveryAnsweredUpdate() throws Exception {
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      base.append("base").append(i).append('\n');
    }
    assertEquals(200, server.http().put("/v1/words/u", base.toString()).status());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          JsonObject page = server.http().get("/v1/words/u/prefix?prefix=b-&limit=10000").json();
          long count = page.getLong("count");
          int listed = page.getJsonArray("words").size();
          if (count % 3 != 0 || listed != count) {
            problems.add("count " + count + ", listed " + listed);
          }
          long total = server.http().get("/v1/words/u").json().getLong("count");
          if ((total - 30_000) % 3 != 0) {
            problems.add("size " + total);
          }
          reads.incrementAndGet();
        }
      });
      reader.start();
      readers.add(reader);
    }
    for (int b = 0; b < 60; b++) {
      JsonArray words = new JsonArray().add("b-" + b + "-x").add("b-" + b + "-y").add("b-" + b + "-z");
      JsonObject answer = server.http().post("/v1/words/u/add", new JsonObject().put("words", words)).json();
      assertEquals(3, answer.getLong("added"));
      // answered: every read from now on sees it
      assertTrue(server.http().get("/v1/words/u/contains?word=b-" + b + "-y").json().getBoolean("present"));
      assertEquals(3L * (b + 1), server.http().get("/v1/words/u/prefix?prefix=b-&limit=1").json().getLong("count"));
    }
    stop.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertEquals(List.of(), List.copyOf(problems));
    assertTrue(reads.get() > 20, "reads: " + reads.get());
    JsonObject stats = server.http().get("/v1/words/u").json();
    assertEquals(30_180, stats.getLong("count"));
    assertTrue(stats.getLong("version") > 1, "compactions ran: " + stats.encode());
  }
}
