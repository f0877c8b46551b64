package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health, readiness and the demo data a fresh server starts with. */
class OperationsTest {
  @Test
  void demoDataLoadsAndReadyTurnsGreen() throws Exception {
    try (TestServer server = TestServer.start(ServiceConfig.forTests(0).withDemo(true))) {
      assertEquals(new JsonObject().put("status", "up"), server.get("/health").json());
      long deadline = System.currentTimeMillis() + 60_000;
      TestServer.Answer ready = server.get("/ready");
      while (ready.status() != 200 && System.currentTimeMillis() < deadline) {
        assertEquals(503, ready.status());
        assertEquals(false, ready.json().getBoolean("ready"));
        Thread.sleep(100);
        ready = server.get("/ready");
      }
      assertEquals(200, ready.status());
      assertEquals(true, ready.json().getBoolean("ready"));

      JsonObject primes = server.get("/v1/numbers/primes").json();
      assertEquals(1_077_871L, primes.getLong("cardinality"), "pi(2^24)");
      assertTrue(server.get("/v1/numbers/primes/contains?n=16777213").json().getBoolean("present"));
      assertEquals(false, server.get("/v1/numbers/primes/contains?n=16777215").json().getBoolean("present"));
      assertEquals(List.of(2, 3, 5, 7, 11), server.get("/v1/numbers/primes/range?limit=5").json().getJsonArray("numbers").getList());

      JsonObject en = server.get("/v1/words/en").json();
      assertTrue(en.getLong("count") > 100_000, en.encode());
      assertTrue(server.get("/v1/words/en/contains?word=zoo").json().getBoolean("present"));
      assertEquals(false, server.get("/v1/words/en/contains?word=zzzzq").json().getBoolean("present"));
      assertTrue(server.get("/v1/words/en/prefix?prefix=sieve").json().getLong("count") >= 1);
    }
  }

  @Test
  void readyAtOnceWithoutDemoData() {
    try (TestServer server = TestServer.start()) {
      assertEquals(200, server.get("/ready").status());
      assertEquals(0, server.get("/v1/words").json().getJsonArray("sets").size());
    }
  }
}
