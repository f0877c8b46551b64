package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.logging.LogCapture;
import dev.sieve.logging.LogFormat;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.GrpcTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code X-Request-Id}: taken when sane, made otherwise, echoed, and on every log line of its request. */
class RequestIdTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withAccessLog(true));

  private static Answer get(String path, String id) {
    HttpRequest.Builder b = server.http().request(path).GET();
    if (id != null) {
      b.header("X-Request-Id", id);
    }
    return server.http().send(b.build());
  }

  private static String echoed(Answer a) {
    return a.raw().headers().firstValue("X-Request-Id").orElseThrow();
  }

  @Test
  void aSaneIdIsEchoedAnInsaneOneReplaced() {
    assertEquals("abc-123_X.y:z", echoed(get("/health", "abc-123_X.y:z")));
    String longest = "x".repeat(128);
    assertEquals(longest, echoed(get("/health", longest)));
    for (String bad : List.of("x".repeat(129), "two words", "tab\tbed")) {
      String id = echoed(get("/health", bad));
      assertNotEquals(bad, id);
      assertTrue(id.matches("[0-9a-f]{16}"), id);
    }
    String made = echoed(get("/health", null));
    assertTrue(made.matches("[0-9a-f]{16}"), made);
    assertNotEquals(made, echoed(get("/health", null)), "a new id per request");
    // errors too
    assertEquals("e-1", echoed(get("/v1/words/none/contains?word=a", "e-1")));
  }

  @Test
  void theAccessLogHasOneLinePerRequestWithItsId() throws Exception {
    try (LogCapture access = LogCapture.of("dev.sieve.access", LogFormat.TEXT)) {
      assertEquals(404, get("/v1/words/none/contains?word=secret", "req-404").status());
      awaitLine(access.lines, "req-404");
      String line = only(access.lines, "requestId=req-404");
      assertTrue(line.matches(".* INFO dev\\.sieve\\.access method=GET path=/v1/words/none/contains status=404 bytesIn=0"
          + " bytesOut=\\d+ durationMs=[0-9.]+ protocol=http/1\\.1 requestId=req-404"), line);
      assertTrue(!line.contains("secret"), "the query (user data) is not logged: " + line);
    }
  }

  @Test
  void aLoadsLogLineCarriesTheIdOfTheRequestThatLoadedIt() throws Exception {
    try (LogCapture loads = LogCapture.of("dev.sieve.load", LogFormat.TEXT)) {
      Answer a = server.http().send(server.http().request("/v1/words/traced").header("X-Request-Id", "load-7")
          .header("Content-Type", "text/plain")
          .PUT(HttpRequest.BodyPublishers.ofString("b\na\n", StandardCharsets.UTF_8)).build());
      assertEquals(200, a.status(), a.body());
      awaitLine(loads.lines, "name=traced");
      // logged once the build ended on a worker thread: the context (and so the id) followed it there
      assertTrue(only(loads.lines, "name=traced").endsWith(" requestId=load-7"), loads.lines.toString());
    }
  }

  @Test
  void grpcCallsGetTheirIdToo() throws Exception {
    assertEquals(200, server.http().put("/v1/words/g", "a\n").status());
    try (LogCapture access = LogCapture.of("dev.sieve.access", LogFormat.JSON)) {
      GrpcTestClient grpc = server.grpc();
      var request = ContainsRequest.newBuilder().setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("g"))
          .addWords("a").build();
      var outcome = grpc.client.request(grpc.address, SieveGrpcClient.Contains).compose(call -> {
        call.headers().set("x-request-id", "grpc-1");
        call.end(request);
        return call.response();
      }).await();
      assertEquals("grpc-1", outcome.headers().get("x-request-id"));
      assertEquals(List.of(true), outcome.last().await().getPresentList());
      awaitLine(access.lines, "grpc-1");
      JsonObject line = new JsonObject(only(access.lines, "grpc-1"));
      assertEquals("POST", line.getString("method"));
      assertEquals("/sieve.v1.Sieve/Contains", line.getString("path"));
      assertEquals(200, line.getInteger("status"));
      assertEquals("OK", line.getString("grpcStatus"));
      assertEquals("h2", line.getString("protocol"));
      assertEquals("grpc-1", line.getString("requestId"));
    }
  }

  private static String only(List<String> lines, String containing) {
    List<String> found = lines.stream().filter(l -> l.contains(containing)).collect(Collectors.toList());
    assertEquals(1, found.size(), lines.toString());
    return found.get(0);
  }

  /** The access line is written when the answer has gone, which may be just after the client has it. */
  static void awaitLine(List<String> lines, String containing) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (lines.stream().noneMatch(l -> l.contains(containing)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
