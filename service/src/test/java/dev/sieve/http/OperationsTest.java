package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, readiness and the demo data a fresh server starts with. */
class OperationsTest {
  @RegisterExtension
  final SieveServerExtension demo = new SieveServerExtension(ServiceConfig.forTests(0).withDemo(true));
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  @Test
  void demoDataLoadsAndReadyTurnsGreen() throws Exception {
    assertEquals(new JsonObject().put("status", "up"), demo.http().get("/health").json());
    long deadline = System.currentTimeMillis() + 60_000;
    Answer ready = demo.http().get("/ready");
    while (ready.status() != 200 && System.currentTimeMillis() < deadline) {
      assertEquals(503, ready.status());
      assertEquals(false, ready.json().getBoolean("ready"));
      Thread.sleep(100);
      ready = demo.http().get("/ready");
    }
    assertEquals(200, ready.status());
    assertEquals(true, ready.json().getBoolean("ready"));

    JsonObject primes = demo.http().get("/v1/numbers/primes").json();
    assertEquals(1_077_871L, primes.getLong("cardinality"), "pi(2^24)");
    assertTrue(demo.http().get("/v1/numbers/primes/contains?n=16777213").json().getBoolean("present"));
    assertEquals(false, demo.http().get("/v1/numbers/primes/contains?n=16777215").json().getBoolean("present"));
    assertEquals(List.of(2, 3, 5, 7, 11), demo.http().get("/v1/numbers/primes/range?limit=5").json().getJsonArray("numbers").getList());

    JsonObject en = demo.http().get("/v1/words/en").json();
    assertTrue(en.getLong("count") > 100_000, en.encode());
    assertTrue(demo.http().get("/v1/words/en/contains?word=zoo").json().getBoolean("present"));
    assertEquals(false, demo.http().get("/v1/words/en/contains?word=zzzzq").json().getBoolean("present"));
    assertTrue(demo.http().get("/v1/words/en/prefix?prefix=sieve").json().getLong("count") >= 1);
  }

  @Test
  void readyAtOnceWithoutDemoData() {
    assertEquals(200, server.http().get("/ready").status());
    assertEquals(0, server.http().get("/v1/words").json().getJsonArray("sets").size());
  }
}
