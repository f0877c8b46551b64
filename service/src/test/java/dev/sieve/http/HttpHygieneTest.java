package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What HTTP clients expect of any server: HEAD on GET routes, Allow on 405, CORS only when asked
 * for, compressed answers only when the client accepts them and they are large, a machine-readable
 * code in every error.
 */
class HttpHygieneTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @RegisterExtension
  static final SieveServerExtension cors = new SieveServerExtension(
      ServiceConfig.forTests(0).withCorsOrigin("https://app.example, https://other.example"));

  static HttpTestClient http;

  @BeforeAll
  static void load() {
    http = server.http();
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      words.append("word").append(i).append('\n');
    }
    assertEquals(200, http.put("/v1/words/w", words.toString()).status());
    assertEquals(200, http.put("/v1/numbers/n", "1\n5-9\n").status());
  }

  static Answer send(String method, String path, String... headers) {
    HttpRequest.Builder b = http.request(path).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build());
  }

  static java.util.Map<String, List<String>> headers(Answer a) {
    java.util.Map<String, List<String>> out = new java.util.TreeMap<>(a.raw().headers().map());
    // and the request id: each request gets its own (ops: RequestTracker)
    out.keySet().removeAll(List.of("content-length", "transfer-encoding", "x-request-id"));
    return out;
  }

  static String header(Answer a, String name) {
    return a.raw().headers().firstValue(name).orElse(null);
  }

  @Test
  void headAnswersEveryGetRouteWithItsHeadersAndNoBody() {
    for (String path : List.of("/health", "/ready", "/livez", "/readyz", "/v1/info", "/openapi.yaml", "/", "/metrics", "/v1/loads",
        "/v1/words", "/v1/words/w", "/v1/words/w/contains?word=word1", "/v1/words/w/prefix?prefix=word1",
        "/v1/numbers", "/v1/numbers/n", "/v1/numbers/n/contains?n=5", "/v1/numbers/n/range", "/v1/numbers/n/export",
        "/v1/memory/words/w", "/v1/words/nothing", "/v1/words/w/contains")) {
      Answer get = send("GET", path);
      Answer head = send("HEAD", path);
      assertEquals(get.status(), head.status(), path);
      // the same headers, but the body's length: Vert.x leaves Content-Length out of a HEAD answer
      // (RFC 9110 section 8.6 lets it), and a GET that has no length up front is chunked
      assertEquals(headers(get), headers(head), path);
      assertEquals(0, head.raw().body().length, path);
    }
    Answer export = send("HEAD", "/v1/words/w/export");
    assertEquals(200, export.status());
    assertEquals("text/plain; charset=utf-8", header(export, "Content-Type"));
    assertEquals(0, export.raw().body().length);
  }

  @Test
  void methodNotAllowedNamesTheMethodsThePathHas() {
    Answer patch = send("PATCH", "/v1/words/w");
    assertEquals(405, patch.status());
    assertEquals("DELETE, GET, HEAD, PUT", header(patch, "Allow"));
    assertEquals("method_not_allowed", patch.json().getString("code"));
    assertTrue(patch.json().getString("error").contains("PATCH"), patch.body());

    assertEquals("GET, HEAD", header(send("POST", "/health"), "Allow"));
    assertEquals("GET, HEAD, POST", header(send("DELETE", "/v1/numbers/n/contains"), "Allow"));
    assertEquals("POST", header(send("GET", "/v1/numbers/n/combine"), "Allow"));
    Answer options = send("OPTIONS", "/v1/words/w/add"); // no CORS configured: nothing answers OPTIONS
    assertEquals(405, options.status());
    assertEquals("POST", header(options, "Allow"));
  }

  @Test
  void unknownRoutesAnswerNotFoundWithItsCode() {
    Answer missing = send("GET", "/v2/nothing");
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().getString("code"));
    assertEquals("no_such_set", send("GET", "/v1/words/nothing").json().getString("code"));
  }

  @Test
  void corsIsOffUnlessConfigured() {
    Answer plain = send("GET", "/v1/words/w", "Origin", "https://app.example");
    assertEquals(200, plain.status());
    assertEquals(null, header(plain, "Access-Control-Allow-Origin"));
  }

  @Test
  void corsAnswersTheConfiguredOriginsOnly() {
    HttpTestClient c = cors.http();
    Answer get = c.send(c.request("/health").header("Origin", "https://other.example").GET().build());
    assertEquals(200, get.status());
    assertEquals("https://other.example", header(get, "Access-Control-Allow-Origin"));

    Answer preflight = c.send(c.request("/v1/words/w").header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "authorization,content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(204, preflight.status());
    assertEquals("https://app.example", header(preflight, "Access-Control-Allow-Origin"));
    assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("PUT"), header(preflight, "Access-Control-Allow-Methods"));
    assertTrue(header(preflight, "Access-Control-Allow-Headers").toLowerCase().contains("authorization"));

    Answer stranger = c.send(c.request("/health").header("Origin", "https://evil.example").GET().build());
    assertEquals(403, stranger.status());
    assertEquals(null, header(stranger, "Access-Control-Allow-Origin"));
    assertEquals("forbidden_origin", stranger.json().getString("code"));

    Answer noOrigin = c.get("/health"); // not a browser: CORS does not apply
    assertEquals(200, noOrigin.status());
  }

  @Test
  void largeAnswersAreCompressedWhenTheClientAcceptsGzip() throws IOException {
    String path = "/v1/words/w/prefix?limit=3000";
    Answer plain = send("GET", path);
    Answer gzipped = send("GET", path, "Accept-Encoding", "gzip");
    assertEquals(null, header(plain, "Content-Encoding"));
    assertEquals("gzip", header(gzipped, "Content-Encoding"));
    byte[] inflated = gunzip(gzipped.raw().body());
    assertEquals(new JsonObject(plain.body()), new JsonObject(new String(inflated, StandardCharsets.UTF_8)));
    assertTrue(gzipped.raw().body().length * 3 < plain.raw().body().length,
        gzipped.raw().body().length + " compressed of " + plain.raw().body().length);

    // below the threshold, and the Roaring export: as they are
    assertEquals(null, header(send("GET", "/health", "Accept-Encoding", "gzip"), "Content-Encoding"));
    Answer roaring = send("GET", "/v1/numbers/n/export", "Accept-Encoding", "gzip");
    assertFalse("gzip".equals(header(roaring, "Content-Encoding")));
    assertEquals(plainBytes("/v1/numbers/n/export").length, roaring.raw().body().length);
  }

  static byte[] plainBytes(String path) {
    return send("GET", path).raw().body();
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
