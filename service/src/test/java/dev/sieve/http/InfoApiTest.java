package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.api.BuildInfo;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/info}: version, uptime, sets per kind, storage. */
class InfoApiTest {
  @RegisterExtension
  final SieveServerExtension memory = new SieveServerExtension();

  @RegisterExtension
  final SieveServerExtension durable = new SieveServerExtension(
      ServiceConfig.forTests(0).withCompaction(new CompactionPolicy(0.25, Duration.ofSeconds(9)))).durable();

  @Test
  void saysWhatItRunsAndHowManySets() {
    JsonObject before = memory.http().json("/v1/info");
    assertEquals(BuildInfo.read().version(), before.getString("version"));
    assertNotEquals("unknown", before.getString("version"), "Maven filtered build.properties");
    assertTrue(before.getLong("uptimeMs") > 0);
    assertTrue(Instant.parse(before.getString("startedAt")).isBefore(Instant.now()));
    assertTrue(before.getBoolean("ready"));
    assertEquals(new JsonObject().put("words", 0).put("numbers", 0), before.getJsonObject("sets"));
    assertEquals(false, before.getJsonObject("storage").getBoolean("durable"));
    assertEquals("none", before.getJsonObject("storage").getString("fsync"));

    memory.http().put("/v1/words/a", "x\n");
    memory.http().put("/v1/words/b", "y\n");
    memory.http().put("/v1/numbers/c", "1\n");
    JsonObject after = memory.http().json("/v1/info");
    assertEquals(new JsonObject().put("words", 2).put("numbers", 1), after.getJsonObject("sets"));
    assertTrue(after.getLong("uptimeMs") >= before.getLong("uptimeMs"));
  }

  @Test
  void aDurableServerSaysHowItKeepsItsSets() {
    JsonObject storage = durable.http().json("/v1/info").getJsonObject("storage");
    assertEquals(true, storage.getBoolean("durable"));
    assertEquals("always", storage.getString("fsync")); // the default --fsync
    assertEquals(new JsonObject().put("ratio", 0.25).put("afterSeconds", 9), storage.getJsonObject("compaction"));
  }
}
