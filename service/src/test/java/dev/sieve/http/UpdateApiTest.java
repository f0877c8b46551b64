package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST .../add} and {@code .../remove}: answers, exact reads over a delta, compaction. */
class UpdateApiTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();
  @RegisterExtension
  final SieveServerExtension compacting = new SieveServerExtension(ServiceConfig.forTests(0).withCompaction(new CompactionPolicy(0, Duration.ofHours(1), 0)));

  @Test
  void wordUpdatesAreExactAcrossBaseAndDelta() {
    assertEquals(200, server.http().put("/v1/words/w", "car\ncart\ncat\n").status());
    JsonObject added = server.http().post("/v1/words/w/add", "cab\ncar\ncab\ndog\n").json();
    assertEquals(2, added.getLong("added"));
    assertEquals(5, added.getLong("count"));
    JsonObject removed = server.http().post("/v1/words/w/remove", new JsonObject().put("words", new JsonArray(List.of("cart", "zebra")))).json();
    assertEquals(1, removed.getLong("removed"));
    assertEquals(4, removed.getLong("count"));
    JsonObject prefix = server.http().get("/v1/words/w/prefix?prefix=ca").json();
    assertEquals(3, prefix.getLong("count"));
    assertEquals(new JsonArray(List.of("cab", "car", "cat")), prefix.getJsonArray("words"));
    JsonObject page = server.http().get("/v1/words/w/prefix?prefix=ca&after=cab&limit=1").json();
    assertEquals(new JsonArray(List.of("car")), page.getJsonArray("words"));
    assertTrue(server.http().get("/v1/words/w/contains?word=dog").json().getBoolean("present"));
    assertFalse(server.http().get("/v1/words/w/contains?word=cart").json().getBoolean("present"));
    JsonObject stats = server.http().get("/v1/words/w").json();
    assertEquals(4, stats.getLong("count"));
    assertEquals(2, stats.getJsonObject("delta").getInteger("updates"));
    JsonObject memory = server.http().get("/v1/memory").json();
    JsonObject row = memory.getJsonArray("structures").getJsonObject(0);
    assertEquals(2, row.getJsonObject("delta").getLong("added"));
    assertEquals(1, row.getJsonObject("delta").getLong("removed"));
    assertTrue(row.getJsonObject("delta").getLong("bytes") > 0);
    assertFalse(memory.getJsonObject("storage").getBoolean("durable"));
    JsonObject totals = memory.getJsonObject("totals");
    assertEquals(totals.getLong("sum"), totals.getLong("heapCommitted") + totals.getLong("nonHeapCommitted")
        + totals.getLong("direct") + totals.getLong("mapped") + totals.getLong("chronicleOffHeap"));
  }

  @Test
  void aBadLineAppliesNothingAndMissingSetsAre404() {
    server.http().put("/v1/numbers/n", "1-10\n");
    Answer bad = server.http().post("/v1/numbers/n/add", "20\n21\nx\n");
    assertEquals(400, bad.status());
    assertEquals(3, bad.json().getLong("line"));
    assertEquals(10, server.http().get("/v1/numbers/n").json().getLong("count"));
    assertEquals(404, server.http().post("/v1/numbers/none/add", "1\n").status());
    assertEquals(404, server.http().post("/v1/words/none/add", new JsonObject().put("words", new JsonArray().add("a"))).status());
    assertEquals(400, server.http().post("/v1/words/none/add", new JsonObject().put("words", "a")).status());
  }

  @Test
  void numberUpdatesTakeRangesAndStayExact() {
    server.http().put("/v1/numbers/n", "0-99\n");
    JsonObject a = server.http().post("/v1/numbers/n/add", "90-109\n5000000000\n").json();
    assertEquals(11, a.getLong("added"));
    assertEquals(111, a.getLong("count"));
    JsonObject r = server.http().post("/v1/numbers/n/remove", new JsonObject().put("numbers", new JsonArray().add(0).add("10-19").add(7_000_000_000L))).json();
    assertEquals(11, r.getLong("removed"));
    assertEquals(100, r.getLong("cardinality"));
    JsonObject range = server.http().get("/v1/numbers/n/range?from=5&to=25&limit=6").json();
    assertEquals(10, range.getLong("count"));
    assertEquals(new JsonArray(List.of(5, 6, 7, 8, 9, 20)), range.getJsonArray("numbers"));
    assertEquals("Roaring64", server.http().get("/v1/numbers/n").json().getString("type"));
    assertEquals(200, server.http().get("/v1/numbers/n/export").status());
    // combine sees the delta too
    server.http().put("/v1/numbers/m", "0-1000\n");
    JsonObject c = server.http().post("/v1/numbers/c/combine", new JsonObject().put("op", "and").put("sets", new JsonArray(List.of("n", "m")))).json();
    assertEquals(99, c.getLong("cardinality"));
  }

  @Test
  void compactionFoldsTheDeltaWithoutChangingWhatReadsSee() throws Exception {
    compacting.http().put("/v1/words/w", "a\nb\n");
    long version = compacting.http().get("/v1/words/w").json().getLong("version");
    compacting.http().post("/v1/words/w/add", "c\n");
    compacting.http().post("/v1/words/w/add", "d\n");
    compacting.http().post("/v1/words/w/remove", "a\n");
    JsonObject stats = null;
    for (int i = 0; i < 200; i++) {
      stats = compacting.http().get("/v1/words/w").json();
      // ratio 0: every update is due by size; wait until the last one is folded too
      if (stats.getLong("version") != version && stats.getJsonObject("delta").getInteger("updates") == 0) {
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(stats.getLong("version") > version, stats.encode());
    assertEquals(0, stats.getJsonObject("delta").getInteger("updates"));
    assertEquals(3, stats.getLong("count"));
    assertEquals(new JsonArray(List.of("b", "c", "d")), compacting.http().get("/v1/words/w/prefix").json().getJsonArray("words"));

    // the folds are counted, timed and sized in the memory report and the metrics
    JsonObject folds = compacting.http().get("/v1/memory").json()
        .getJsonObject("compactions").getJsonObject("words").getJsonObject("fold");
    long count = folds.getLong("count");
    assertTrue(count >= 1, folds.encode());
    assertTrue(folds.getLong("bytes") > 0 && folds.getDouble("seconds") > 0, folds.encode());
    assertTrue(folds.getDouble("maxSeconds") <= folds.getDouble("seconds"), folds.encode());
    String metrics = compacting.http().get("/metrics").body();
    assertEquals(count, MetricsTest.value(metrics, "sieve_compactions_total{action=\"fold\",kind=\"words\"}"), metrics);
    assertEquals(count, MetricsTest.value(metrics, "sieve_compaction_duration_seconds_count{action=\"fold\",kind=\"words\"}"));
    assertEquals((double) folds.getLong("bytes"),
        MetricsTest.value(metrics, "sieve_compaction_delta_bytes_total{action=\"fold\",kind=\"words\"}"));
    assertEquals(0, MetricsTest.value(metrics, "sieve_compactions_total{action=\"merge\",kind=\"numbers\"}"));
  }

  @Test
  void theDeltaShowsItsLevels() {
    server.http().put("/v1/numbers/n", "1\n2\n3\n");
    for (int i = 10; i < 17; i++) {
      server.http().post("/v1/numbers/n/add", i + "\n");
    }
    JsonObject delta = server.http().get("/v1/numbers/n").json().getJsonObject("delta");
    JsonArray levels = delta.getJsonArray("levels");
    // seven single-value batches, the two newest merged while the older is at most twice the newer:
    // 1, 2, 3, 3+1, 5, 5+1, 5+2
    assertEquals(2, levels.size(), delta.encode());
    assertEquals(5, levels.getJsonObject(0).getLong("elements"));
    long elements = 0;
    long bytes = 0;
    for (int i = 0; i < levels.size(); i++) {
      elements += levels.getJsonObject(i).getLong("elements");
      bytes += levels.getJsonObject(i).getLong("bytes");
      assertFalse(levels.getJsonObject(i).getBoolean("sealed"));
    }
    assertEquals(7, elements);
    assertTrue(bytes <= delta.getLong("bytes"), delta.encode());
    String metrics = server.http().get("/metrics").body();
    assertEquals(2, MetricsTest.value(metrics, "sieve_set_delta_levels{kind=\"numbers\",name=\"n\"}"), metrics);
  }
}
