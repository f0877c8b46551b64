package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

class NumberApiTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @Test
  void putLinesWithCrlfRangesAndEmptyLinesThenQuery() {
    Answer put = server.http().put("/v1/numbers/n1", "1\r\n\r\n5-9\n3\n\n42\n7");
    assertEquals(200, put.status(), put.body());
    JsonObject json = put.json();
    assertEquals("n1", json.getString("name"));
    assertEquals("numbers", json.getString("kind"));
    assertEquals(8L, json.getLong("cardinality"));
    assertTrue(json.getLong("bytes") > 0);
    assertEquals(0L, json.getLong("skipped"));
    assertEquals(new JsonArray(), json.getJsonArray("firstSkippedLines"));
    assertTrue(json.containsKey("elapsedMs"));

    assertEquals(new JsonObject().put("n", 42).put("present", true), server.http().get("/v1/numbers/n1/contains?n=42").json());
    assertEquals(new JsonObject().put("n", 4).put("present", false), server.http().get("/v1/numbers/n1/contains?n=4").json());
    JsonObject batch = server.http().post("/v1/numbers/n1/contains",
        new JsonObject().put("numbers", new JsonArray(List.of(1, 2, 9, 10, 42)))).json();
    assertEquals(new JsonArray(List.of(true, false, true, false, true)), batch.getJsonArray("present"));

    JsonObject range = server.http().get("/v1/numbers/n1/range?from=3&to=42&limit=3").json();
    assertEquals(6L, range.getLong("count"));
    assertEquals(new JsonArray(List.of(3, 5, 6)), range.getJsonArray("numbers"));
    assertEquals(6L, range.getLong("next"));
    JsonObject page2 = server.http().get("/v1/numbers/n1/range?from=3&to=42&limit=3&after=6").json();
    assertEquals(new JsonArray(List.of(7, 8, 9)), page2.getJsonArray("numbers"));
    assertNull(page2.getValue("next"));

    JsonObject stats = server.http().get("/v1/numbers/n1").json();
    assertEquals(8L, stats.getLong("cardinality"));
    assertEquals(8L, stats.getLong("count"));
    assertEquals("RoaringBitmap", stats.getString("type"));
    assertTrue(stats.getLong("baselineBytes") > stats.getLong("bytes"));
  }

  @Test
  void gzipBody() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      body.append(i * 2).append('\n');
    }
    Answer put = server.http().putGzip("/v1/numbers/gz", body.toString().getBytes(StandardCharsets.US_ASCII));
    assertEquals(200, put.status(), put.body());
    assertEquals(100_000L, put.json().getLong("cardinality"));
    assertTrue(server.http().get("/v1/numbers/gz/contains?n=199998").json().getBoolean("present"));
    assertFalse(server.http().get("/v1/numbers/gz/contains?n=199999").json().getBoolean("present"));
  }

  @Test
  void sixtyFourBitValues() {
    long big = 1L << 40;
    Answer put = server.http().put("/v1/numbers/wide", "5\n" + big + "\n" + Long.MAX_VALUE + "\n" + (big + 10) + "-" + (big + 19));
    assertEquals(200, put.status(), put.body());
    assertEquals(13L, put.json().getLong("cardinality"));
    assertEquals("Roaring64", server.http().get("/v1/numbers/wide").json().getString("type"));
    assertTrue(server.http().get("/v1/numbers/wide/contains?n=" + Long.MAX_VALUE).json().getBoolean("present"));
    JsonObject range = server.http().get("/v1/numbers/wide/range?from=6&limit=4").json();
    assertEquals(12L, range.getLong("count"));
    assertEquals(new JsonArray(List.of(big, big + 10, big + 11, big + 12)), range.getJsonArray("numbers"));
  }

  @Test
  void badLineFailsWithItsNumberAndKeepsTheOldVersion() {
    assertEquals(200, server.http().put("/v1/numbers/keep", "1\n2\n3").status());
    long version = server.http().get("/v1/numbers/keep").json().getLong("version");
    Answer bad = server.http().put("/v1/numbers/keep", "10\n11\n\n12x\n13");
    assertEquals(400, bad.status());
    assertEquals(4L, bad.json().getLong("line"));
    assertTrue(bad.json().getString("error").contains("12x"), bad.body());
    for (String body : List.of("-5", "5-3", "99999999999999999999", "1-2-3", "+7", "9223372036854775808")) {
      Answer refused = server.http().put("/v1/numbers/keep", "1\n" + body);
      assertEquals(400, refused.status(), body + " -> " + refused.body());
      assertEquals(2L, refused.json().getLong("line"), body);
    }
    JsonObject after = server.http().get("/v1/numbers/keep").json();
    assertEquals(version, after.getLong("version"));
    assertEquals(3L, after.getLong("cardinality"));
  }

  @Test
  void skipModeCountsBadLinesAndKeepsTheFirstFew() {
    StringBuilder body = new StringBuilder();
    for (int line = 1; line <= 30; line++) {
      body.append(line % 2 == 0 ? "bad" + line : String.valueOf(line)).append('\n');
    }
    Answer put = server.http().put("/v1/numbers/skip?onError=skip", body.toString());
    assertEquals(200, put.status(), put.body());
    assertEquals(15L, put.json().getLong("cardinality"));
    assertEquals(15L, put.json().getLong("skipped"));
    assertEquals(new JsonArray(List.of(2, 4, 6, 8, 10, 12, 14, 16, 18, 20)), put.json().getJsonArray("firstSkippedLines"));
    assertEquals(400, server.http().put("/v1/numbers/skip?onError=maybe", "1").status());
  }

  @Test
  void combineAcross32And64Bits() {
    server.http().put("/v1/numbers/ca", "1-10");
    server.http().put("/v1/numbers/cb", "5-15\n" + (1L << 33));
    assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), combine("and", "ca", "cb"));
    assertEquals("RoaringBitmap", server.http().get("/v1/numbers/out").json().getString("type"));
    assertEquals(16L, combineCardinality("or", "ca", "cb"));
    assertEquals("Roaring64", server.http().get("/v1/numbers/out").json().getString("type"));
    assertEquals(List.of(1L, 2L, 3L, 4L, 11L, 12L, 13L, 14L, 15L, 1L << 33), combine("xor", "ca", "cb"));
    assertEquals(List.of(1L, 2L, 3L, 4L), combine("andnot", "ca", "cb"));
    assertEquals(List.of(1L, 2L, 3L, 4L), combine("and", "out", "ca", "out"));

    Answer unknown = server.http().post("/v1/numbers/out/combine",
        new JsonObject().put("op", "or").put("sets", new JsonArray(List.of("ca", "nope"))));
    assertEquals(404, unknown.status());
    Answer badOp = server.http().post("/v1/numbers/out/combine",
        new JsonObject().put("op", "nand").put("sets", new JsonArray(List.of("ca"))));
    assertEquals(400, badOp.status());
    assertEquals(400, server.http().post("/v1/numbers/out/combine", new JsonObject().put("op", "or")).status());
  }

  private List<Long> combine(String op, String... sets) {
    combineCardinality(op, sets);
    JsonArray numbers = server.http().get("/v1/numbers/out/range?limit=100").json().getJsonArray("numbers");
    return numbers.stream().map(n -> ((Number) n).longValue()).toList();
  }

  private long combineCardinality(String op, String... sets) {
    Answer a = server.http().post("/v1/numbers/out/combine",
        new JsonObject().put("op", op).put("sets", new JsonArray(List.of((Object[]) sets))));
    assertEquals(200, a.status(), a.body());
    return a.json().getLong("cardinality");
  }

  @Test
  void exportAndImportPortableRoaring() throws Exception {
    server.http().put("/v1/numbers/ex32", "0-99999\n123456789");
    Answer export = server.http().get("/v1/numbers/ex32/export");
    assertEquals(200, export.status());
    assertEquals("application/x-roaring", export.raw().headers().firstValue("Content-Type").orElse(""));
    RoaringBitmap decoded = new RoaringBitmap();
    decoded.deserialize(ByteBuffer.wrap(export.raw().body()));
    assertEquals(100_001, decoded.getCardinality());
    assertTrue(decoded.contains(123456789));

    long big = 5L << 32;
    server.http().put("/v1/numbers/ex64", "7\n" + big + "-" + (big + 999));
    byte[] bytes64 = server.http().get("/v1/numbers/ex64/export").raw().body();
    Roaring64NavigableMap map = new Roaring64NavigableMap();
    map.deserializePortable(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes64)));
    assertEquals(1001, map.getLongCardinality());
    assertTrue(map.contains(big + 999));

    Answer imported = server.http().put("/v1/numbers/im64", bytes64, "application/x-roaring");
    assertEquals(200, imported.status(), imported.body());
    assertEquals(1001L, imported.json().getLong("cardinality"));
    assertArrayEquals(bytes64, server.http().get("/v1/numbers/im64/export").raw().body());

    ByteArrayOutputStream theirs = new ByteArrayOutputStream();
    RoaringBitmap.bitmapOf(3, 1, 4, 1, 5, 9, 2, 6).serialize(new java.io.DataOutputStream(theirs));
    Answer imported32 = server.http().put("/v1/numbers/im32", theirs.toByteArray(), "application/x-roaring");
    assertEquals(200, imported32.status(), imported32.body());
    assertEquals(7L, imported32.json().getLong("cardinality"));

    byte[] corrupt = java.util.Arrays.copyOf(bytes64, bytes64.length - 3);
    assertEquals(400, server.http().put("/v1/numbers/im64", corrupt, "application/x-roaring").status());
    assertEquals(1001L, server.http().get("/v1/numbers/im64").json().getLong("cardinality"));
    assertEquals(400, server.http().put("/v1/numbers/im64", "not roaring".getBytes(StandardCharsets.US_ASCII), "application/x-roaring").status());
  }

  @Test
  void listDeleteAndNotFound() {
    server.http().put("/v1/numbers/del", "1");
    JsonArray sets = server.http().get("/v1/numbers").json().getJsonArray("sets");
    assertTrue(sets.stream().anyMatch(s -> ((JsonObject) s).getString("name").equals("del")));
    assertEquals(204, server.http().delete("/v1/numbers/del").status());
    assertEquals(404, server.http().delete("/v1/numbers/del").status());
    for (String path : List.of("/v1/numbers/del", "/v1/numbers/del/contains?n=1", "/v1/numbers/del/range",
        "/v1/numbers/del/export", "/v1/memory/numbers/del")) {
      Answer a = server.http().get(path);
      assertEquals(404, a.status(), path);
      assertTrue(a.json().getString("error").contains("del"), path);
    }
    assertEquals(404, server.http().post("/v1/numbers/del/contains", new JsonObject().put("numbers", new JsonArray())).status());
  }

  @Test
  void badRequests() {
    server.http().put("/v1/numbers/q", "1-100");
    for (String path : List.of("/v1/numbers/q/contains", "/v1/numbers/q/contains?n=-1", "/v1/numbers/q/contains?n=x",
        "/v1/numbers/q/range?limit=0", "/v1/numbers/q/range?limit=10001", "/v1/numbers/q/range?from=abc",
        "/v1/numbers/bad%20name", "/v1/numbers/" + "x".repeat(65))) {
      Answer a = server.http().get(path);
      assertEquals(400, a.status(), path + " -> " + a.body());
      assertTrue(a.json().containsKey("error"));
    }
    assertEquals(400, server.http().put("/v1/numbers/bad$name", "1").status());
    assertEquals(400, server.http().post("/v1/numbers/q/contains", new JsonObject().put("numbers", "1")).status());
    assertEquals(400, server.http().post("/v1/numbers/q/contains",
        new JsonObject().put("numbers", new JsonArray(List.of(1, "2")))).status());
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i <= JsonBodies.MAX_BATCH; i++) {
      tooMany.add(i);
    }
    Answer tooLarge = server.http().post("/v1/numbers/q/contains", new JsonObject().put("numbers", tooMany));
    assertEquals(413, tooLarge.status()); // as every other limit
    assertEquals("too_large", tooLarge.json().getString("code"));
  }

  @Test
  void unsupportedMediaTypes() {
    Answer json = server.http().put("/v1/numbers/mt", "[1]".getBytes(StandardCharsets.US_ASCII), "application/json");
    assertEquals(415, json.status());
    Answer encoding = server.http().send(server.http().request("/v1/numbers/mt")
        .header("Content-Encoding", "x-unknown")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("1\n"))
        .build());
    assertEquals(415, encoding.status(), encoding.body());
    assertEquals(404, server.http().get("/v1/numbers/mt").status());
  }

  @Test
  void largeBatchesAreAnsweredInOrder() {
    server.http().put("/v1/numbers/evens", "0-99999");
    JsonArray asked = new JsonArray();
    JsonArray expected = new JsonArray();
    for (int i = 0; i < JsonBodies.MAX_BATCH; i++) {
      long n = i * 7L % 200_000;
      asked.add(n);
      expected.add(n < 100_000);
    }
    Answer a = server.http().post("/v1/numbers/evens/contains", new JsonObject().put("numbers", asked));
    assertEquals(200, a.status(), a.body());
    assertEquals(expected, a.json().getJsonArray("present"));
    asked.set(JsonBodies.INLINE_BATCH + 10, "x");
    assertEquals(400, server.http().post("/v1/numbers/evens/contains", new JsonObject().put("numbers", asked)).status());
  }

  @Test
  void exportMatchesTheFormatClass() throws Exception {
    server.http().put("/v1/numbers/fmt", "1\n3\n5-8");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    NumberSetFormat.write(NumberSet.of(1, 3, 5, 6, 7, 8), expected);
    assertArrayEquals(expected.toByteArray(), server.http().get("/v1/numbers/fmt/export").raw().body());
  }
}
