package dev.sieve.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /livez}, {@code /readyz}, {@code /ready} and {@code /health}, serving and draining. */
class ProbesTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension().durable();

  @Test
  void servingEveryCheckIsOk() {
    Answer ready = server.http().get("/readyz");
    assertEquals(200, ready.status(), ready.body());
    assertEquals(new JsonObject().put("status", "ok").put("checks", new JsonObject()
        .put("store", "restored").put("startup_data", "loaded").put("lifecycle", "serving").put("event_loop", "ok")),
        ready.json());
    Answer live = server.http().get("/livez");
    assertEquals(200, live.status());
    assertEquals(new JsonObject().put("status", "ok").put("checks", new JsonObject().put("event_loop", "ok")), live.json());
    assertEquals(200, server.http().get("/ready").status());
    assertEquals(200, server.http().get("/health").status());
    assertFalse(ready.json().containsKey("details"), "details only on ?verbose");
  }

  @Test
  void verboseAddsDetails() throws InterruptedException {
    // requests of every kind end, and are no longer in flight: answered, refused, gRPC, not found
    assertEquals(200, server.http().put("/v1/words/v", "a\n").status());
    assertEquals(404, server.http().get("/v1/words/none").status());
    assertEquals(404, server.http().get("/no/such/route").status());
    server.grpc().call(dev.sieve.proto.SieveGrpcClient.Stats, dev.sieve.proto.SetRef.newBuilder()
        .setKind(dev.sieve.proto.Kind.WORDS).setName("v").build(), null).ok();
    // a request counts as ended once its answer has gone, which may be a moment after the client has it
    JsonObject details = server.http().get("/readyz?verbose").json().getJsonObject("details");
    for (int i = 0; i < 500 && details.getInteger("inFlightRequests") != 1; i++) {
      Thread.sleep(10);
      details = server.http().get("/readyz?verbose").json().getJsonObject("details");
    }
    assertEquals("serving", details.getString("phase"));
    assertEquals(1, details.getInteger("inFlightRequests"), "only the probe itself is in flight");
    assertEquals(0, details.getInteger("runningLoads"));
    assertTrue(details.getLong("eventLoopLagMs") >= 0);
    assertTrue(server.http().get("/livez?verbose").json().containsKey("details"));
  }

  @Test
  void drainingIsNotReadyButAliveAndStillAnswers() {
    assertEquals(200, server.http().put("/v1/words/w", "a\nb\n").status());
    Drain.Outcome outcome = server.service().drain(Duration.ofSeconds(5)).await();
    assertEquals(0, outcome.loadsCut());
    assertTrue(outcome.waitedMillis() < 5_000, "idle: the drain ends at once, not at its limit");

    Answer ready = server.http().get("/readyz");
    assertEquals(503, ready.status());
    assertEquals("unavailable", ready.json().getString("status"));
    assertEquals("draining", ready.json().getJsonObject("checks").getString("lifecycle"));
    assertEquals("restored", ready.json().getJsonObject("checks").getString("store"));
    assertEquals(503, server.http().get("/ready").status());
    assertEquals(false, server.http().get("/ready").json().getBoolean("ready"));
    // alive, and still serving what clients ask while load balancers move away
    assertEquals(200, server.http().get("/livez").status());
    assertEquals(200, server.http().get("/health").status());
    assertTrue(server.http().get("/v1/words/w/contains?word=a").json().getBoolean("present"));
  }

  @Test
  void theLifecycleTellsRestoringFromStopped() {
    dev.sieve.registry.Registry registry = new dev.sieve.registry.Registry();
    Lifecycle lifecycle = new Lifecycle(registry);
    assertEquals("restoring", lifecycle.readiness().checks().get("store"));
    assertEquals("loading", lifecycle.readiness().checks().get("startup_data"));
    assertFalse(lifecycle.isReady());
    lifecycle.restored();
    registry.markReady();
    assertTrue(lifecycle.isReady());
    lifecycle.draining();
    assertFalse(lifecycle.isReady());
    lifecycle.stopped();
    assertEquals("closed", lifecycle.readiness().checks().get("store"));
    assertEquals("stopped", lifecycle.readiness().checks().get("lifecycle"));
    assertTrue(lifecycle.liveness().ok());
  }
}
