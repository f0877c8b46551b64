package dev.sieve.http;

import static dev.sieve.testing.HttpTestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WordApiTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @Test
  void putUnorderedDuplicatesCrlfUnicodeThenQuery() {
    Answer put = server.http().put("/v1/words/w1", "pear\r\napple\n\napple\r\nzoë\napricot\n日本\npeach");
    assertEquals(200, put.status(), put.body());
    JsonObject json = put.json();
    assertEquals("w1", json.getString("name"));
    assertEquals("words", json.getString("kind"));
    assertEquals(6L, json.getLong("count"));
    assertTrue(json.getLong("bytes") > 0);
    assertEquals(0L, json.getLong("skipped"));
    assertTrue(json.containsKey("elapsedMs"));

    assertEquals(new JsonObject().put("word", "zoë").put("present", true),
        server.http().get("/v1/words/w1/contains?word=" + q("zoë")).json());
    assertFalse(server.http().get("/v1/words/w1/contains?word=app").json().getBoolean("present"));
    assertFalse(server.http().get("/v1/words/w1/contains?word=" + q("apple\r")).json().getBoolean("present"));
    JsonObject batch = server.http().post("/v1/words/w1/contains",
        new JsonObject().put("words", new JsonArray(List.of("apple", "pea", "日本", "", "peach")))).json();
    assertEquals(new JsonArray(List.of(true, false, true, false, true)), batch.getJsonArray("present"));

    JsonObject prefix = server.http().get("/v1/words/w1/prefix?prefix=ap").json();
    assertEquals("ap", prefix.getString("prefix"));
    assertEquals(2L, prefix.getLong("count"));
    assertEquals(new JsonArray(List.of("apple", "apricot")), prefix.getJsonArray("words"));
    assertNull(prefix.getValue("next"));

    JsonObject all = server.http().get("/v1/words/w1/prefix?limit=4").json();
    assertEquals(6L, all.getLong("count"));
    assertEquals(new JsonArray(List.of("apple", "apricot", "peach", "pear")), all.getJsonArray("words"));
    assertEquals("pear", all.getString("next"));
    JsonObject rest = server.http().get("/v1/words/w1/prefix?limit=4&after=pear").json();
    assertEquals(new JsonArray(List.of("zoë", "日本")), rest.getJsonArray("words"));
    assertNull(rest.getValue("next"));

    JsonObject stats = server.http().get("/v1/words/w1").json();
    assertEquals(6L, stats.getLong("count"));
    assertEquals("words", stats.getString("kind"));
    assertTrue(stats.getLong("baselineBytes") > 0);
  }

  @Test
  void gzipBody() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      body.append("word").append(i).append("\r\n");
    }
    Answer put = server.http().putGzip("/v1/words/gz", body.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(200, put.status(), put.body());
    assertEquals(50_000L, put.json().getLong("count"));
    assertTrue(server.http().get("/v1/words/gz/contains?word=word49999").json().getBoolean("present"));
    assertEquals(11_111L, server.http().get("/v1/words/gz/prefix?prefix=word1").json().getLong("count"));
  }

  @Test
  void invalidUtf8IsRefusedWithItsLineAndKeepsTheOldVersion() {
    assertEquals(200, server.http().put("/v1/words/utf", "one\ntwo").status());
    long version = server.http().get("/v1/words/utf").json().getLong("version");
    for (byte[] bad : List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC0, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF, 'a'})) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes("alpha\r\n\nbeta\n".getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bad);
      body.writeBytes("\ngamma\n".getBytes(StandardCharsets.UTF_8));
      Answer refused = server.http().put("/v1/words/utf", body.toByteArray(), "text/plain");
      assertEquals(400, refused.status(), refused.body());
      assertEquals(4L, refused.json().getLong("line"));
      assertTrue(refused.json().getString("error").contains("UTF-8"));
    }
    JsonObject after = server.http().get("/v1/words/utf").json();
    assertEquals(version, after.getLong("version"));
    assertEquals(2L, after.getLong("count"));
  }

  @Test
  void skipModeSkipsInvalidUtf8() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("a\n".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(new byte[] {(byte) 0xFE, '\n'});
    body.writeBytes("b\n".getBytes(StandardCharsets.UTF_8));
    Answer put = server.http().put("/v1/words/skip?onError=skip", body.toByteArray(), "text/plain");
    assertEquals(200, put.status(), put.body());
    assertEquals(2L, put.json().getLong("count"));
    assertEquals(1L, put.json().getLong("skipped"));
    assertEquals(new JsonArray(List.of(2)), put.json().getJsonArray("firstSkippedLines"));
  }

  @Test
  void listDeleteNotFoundAndBadRequests() {
    server.http().put("/v1/words/del", "x");
    JsonArray sets = server.http().get("/v1/words").json().getJsonArray("sets");
    assertTrue(sets.stream().anyMatch(s -> ((JsonObject) s).getString("name").equals("del")));
    assertEquals(204, server.http().delete("/v1/words/del").status());
    assertEquals(404, server.http().delete("/v1/words/del").status());
    for (String path : List.of("/v1/words/del", "/v1/words/del/contains?word=x", "/v1/words/del/prefix",
        "/v1/memory/words/del")) {
      assertEquals(404, server.http().get(path).status(), path);
    }
    assertEquals(404, server.http().post("/v1/words/del/contains", new JsonObject().put("words", new JsonArray())).status());

    server.http().put("/v1/words/q", "x");
    for (String path : List.of("/v1/words/q/contains", "/v1/words/q/prefix?limit=0", "/v1/words/q/prefix?limit=x",
        "/v1/words/q/prefix?limit=10001", "/v1/words/a%2Fb", "/v1/words/" + "n".repeat(65))) {
      Answer a = server.http().get(path);
      assertEquals(400, a.status(), path + " -> " + a.body());
      assertTrue(a.json().containsKey("error"));
    }
    assertEquals(400, server.http().post("/v1/words/q/contains", new JsonObject().put("words", new JsonArray(List.of(1)))).status());
    assertEquals(400, server.http().send(server.http().request("/v1/words/q/contains")
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json")).build()).status());
    assertEquals(415, server.http().put("/v1/words/q", "{}".getBytes(StandardCharsets.UTF_8), "application/json").status());
  }

  @Test
  void largeBatchesAreAnsweredInOrder() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      body.append("k").append(i * 2).append('\n');
    }
    assertEquals(200, server.http().put("/v1/words/batch", body.toString()).status());
    JsonArray asked = new JsonArray();
    JsonArray expected = new JsonArray();
    for (int i = 0; i < JsonBodies.MAX_BATCH; i++) {
      asked.add("k" + i);
      expected.add(i % 2 == 0 && i < 100_000);
    }
    Answer a = server.http().post("/v1/words/batch/contains", new JsonObject().put("words", asked));
    assertEquals(200, a.status(), a.body());
    assertEquals(expected, a.json().getJsonArray("present"));
    asked.set(JsonBodies.INLINE_BATCH + 1, 5);
    assertEquals(400, server.http().post("/v1/words/batch/contains", new JsonObject().put("words", asked)).status());
  }

  @Test
  void unknownRoutesAndMethods() {
    Answer missing = server.http().get("/v2/nothing");
    assertEquals(404, missing.status());
    assertTrue(missing.json().containsKey("error"));
    Answer method = server.http().send(server.http().request("/v1/words/q")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(405, method.status());
  }
}
