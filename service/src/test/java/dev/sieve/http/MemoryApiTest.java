package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemoryApiTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @BeforeAll
  static void start() {
    StringBuilder words = new StringBuilder();
    StringBuilder numbers = new StringBuilder("0-99999\n");
    for (int i = 0; i < 20_000; i++) {
      words.append("entry-").append(i).append('\n');
      numbers.append(200_000 + i * 7).append('\n');
    }
    assertEquals(200, server.http().put("/v1/words/mw", words.toString()).status());
    assertEquals(200, server.http().put("/v1/numbers/mn", numbers.toString()).status());
  }

  @Test
  void overview() {
    JsonObject memory = server.http().get("/v1/memory").json();
    JsonArray structures = memory.getJsonArray("structures");
    assertEquals(2, structures.size());
    for (Object o : structures) {
      JsonObject s = (JsonObject) o;
      assertTrue(s.getString("kind").equals("words") || s.getString("kind").equals("numbers"));
      assertTrue(s.getLong("count") > 0);
      assertTrue(s.getLong("bytes") > 0);
      assertEquals(Math.round(100.0 * (s.getLong("bytes") + s.getLong("mappedBytes", 0L)) / s.getLong("count")) / 100.0,
          s.getDouble("bytesPerElement"));
      assertTrue(s.getLong("baselineBytes") > 5 * s.getLong("bytes"), s.encode());
    }
    JsonObject jvm = memory.getJsonObject("jvm");
    for (String key : new String[] {"heapUsed", "heapCommitted", "heapMax", "direct", "mapped"}) {
      assertTrue(jvm.getLong(key) >= 0, key);
    }
    assertTrue(jvm.getLong("heapUsed") <= jvm.getLong("heapCommitted"));
    assertTrue(memory.getJsonObject("process").getLong("rssBytes") > 0);
  }

  @Test
  void numberBreakdownAddsUp() {
    JsonObject b = server.http().get("/v1/memory/numbers/mn").json();
    assertEquals("numbers", b.getString("kind"));
    assertEquals(120_000L, b.getLong("count"));
    long total = 0;
    long values = 0;
    for (Object o : b.getJsonArray("parts")) {
      JsonObject part = (JsonObject) o;
      total += part.getLong("bytes");
      values += part.getLong("values");
    }
    assertEquals(b.getLong("bytes"), total);
    assertEquals(120_000L, values);
    JsonObject run = (JsonObject) b.getJsonArray("parts").stream()
        .filter(p -> ((JsonObject) p).getString("part").equals("run")).findFirst().orElseThrow();
    assertTrue(run.getLong("count") >= 1, "0-99999 is held in run containers");
  }

  @Test
  void wordBreakdownAddsUp() {
    JsonObject b = server.http().get("/v1/memory/words/mw").json();
    assertEquals("words", b.getString("kind"));
    assertEquals(20_000L, b.getLong("count"));
    long total = 0;
    for (Object o : b.getJsonArray("parts")) {
      total += ((JsonObject) o).getLong("bytes");
    }
    assertEquals(b.getLong("bytes"), total);
  }

  @Test
  void unknownKindOrSet() {
    assertEquals(404, server.http().get("/v1/memory/trees/mw").status());
    assertEquals(404, server.http().get("/v1/memory/words/none").status());
    assertEquals(400, server.http().get("/v1/memory/words/bad%20name").status());
  }
}
