package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gzip bodies are checked whole before anything is installed (issue 9): a truncated, damaged or
 * foreign body labelled gzip is a 400 with the decoder's message and the set keeps serving as it
 * was; concatenated members are read whole; JSON bodies get the same checks; other encodings are
 * refused with 415.
 */
class GzipUploadTest {
  static final int WORDS = 200_000;
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();
  static byte[] newList;

  @BeforeAll
  static void start() {
    StringBuilder old = new StringBuilder();
    StringBuilder fresh = new StringBuilder();
    for (int i = 0; i < WORDS; i++) {
      old.append(String.format("word%06d%n", i));
      fresh.append(String.format("other%06d%n", i));
    }
    assertEquals(200, server.http().put("/v1/words/big", old.toString()).status());
    newList = fresh.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static Answer send(String method, String path, byte[] body, String type, String encoding) {
    HttpRequest.Builder b = server.http().request(path)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", type);
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return server.http().send(b.build());
  }

  static Answer putGzipped(String path, byte[] compressed) {
    return send("PUT", path, compressed, "text/plain", "gzip");
  }

  /** The 200,000-word set is still the one loaded first. */
  static void assertBigUnchanged(long version) {
    JsonObject stats = server.http().get("/v1/words/big").json();
    assertEquals(WORDS, stats.getLong("count"));
    assertEquals(version, stats.getLong("version"));
    assertTrue(server.http().get("/v1/words/big/contains?word=word199999").json().getBoolean("present"));
    assertFalse(server.http().get("/v1/words/big/contains?word=other000000").json().getBoolean("present"));
  }

  static long bigVersion() {
    return server.http().get("/v1/words/big").json().getLong("version");
  }

  @Test
  void aTruncatedUploadIsRefusedAtEveryKindOfCut() {
    long version = bigVersion();
    byte[] gz = HttpTestClient.gzip(newList);
    // in the header, early and late in the deflate data, in the trailer
    for (int cut : new int[] {5, 1_000, gz.length / 2, gz.length - 9, gz.length - 3}) {
      Answer answer = putGzipped("/v1/words/big", Arrays.copyOf(gz, cut));
      assertEquals(400, answer.status(), "cut at " + cut + ": " + answer.body());
      assertEquals("truncated gzip stream after " + cut + " bytes", answer.json().getString("error"));
      assertFalse(answer.json().containsKey("line"));
      assertBigUnchanged(version);
    }
  }

  @Test
  void aBodyThatIsNotGzipIsRefused() {
    long version = bigVersion();
    Answer shortBody = putGzipped("/v1/words/big", "not gzip".getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, shortBody.status(), shortBody.body());
    assertEquals("invalid gzip data at byte 0: not a gzip stream (bad magic number)", shortBody.json().getString("error"));
    assertBigUnchanged(version);
    // plain text labelled gzip, larger than a chunk: an answer, not a closed connection
    Answer plain = putGzipped("/v1/words/big", newList);
    assertEquals(400, plain.status(), plain.body());
    assertTrue(plain.json().getString("error").startsWith("invalid gzip data at byte 0"), plain.body());
    assertBigUnchanged(version);
    Answer empty = putGzipped("/v1/words/big", new byte[0]);
    assertEquals(400, empty.status(), empty.body());
    assertEquals("truncated gzip stream after 0 bytes", empty.json().getString("error"));
    assertBigUnchanged(version);
  }

  @Test
  void theConnectionStaysUsableAfterARefusedGzipBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      byte[] body = newList;
      out.write(("PUT /v1/words/conn HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answers = readUntil(socket.getInputStream(), "\"status\"");
      assertTrue(answers.startsWith("HTTP/1.1 400"), answers);
      assertTrue(answers.contains("invalid gzip data at byte 0"), answers);
      assertTrue(answers.contains("HTTP/1.1 200"), "the next request on the connection is answered: " + answers);
    }
    assertEquals(404, server.http().get("/v1/words/conn").status());
  }

  private static String readUntil(InputStream in, String marker) throws Exception {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      seen.write(buffer, 0, n);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void damagedAndTrailingDataAreRefused() {
    long version = bigVersion();
    byte[] gz = HttpTestClient.gzip(newList);
    byte[] crc = gz.clone();
    crc[gz.length - 8] ^= 1;
    Answer badCrc = putGzipped("/v1/words/big", crc);
    assertEquals(400, badCrc.status(), badCrc.body());
    assertEquals("invalid gzip data at byte " + (gz.length - 8) + ": CRC32 mismatch (the data is damaged)",
        badCrc.json().getString("error"));
    byte[] middle = gz.clone();
    middle[gz.length / 2] ^= (byte) 0xFF;
    Answer badData = putGzipped("/v1/words/big", middle);
    assertEquals(400, badData.status(), badData.body());
    assertTrue(badData.json().getString("error").startsWith("invalid gzip data at byte "), badData.body());
    byte[] trailing = Arrays.copyOf(gz, gz.length + 4);
    System.arraycopy("junk".getBytes(StandardCharsets.US_ASCII), 0, trailing, gz.length, 4);
    Answer junk = putGzipped("/v1/words/big", trailing);
    assertEquals(400, junk.status(), junk.body());
    assertEquals("invalid gzip data at byte " + gz.length + ": trailing data after the gzip stream",
        junk.json().getString("error"));
    assertBigUnchanged(version);
    // zero padding after the last member is accepted, as gzip -d accepts it
    Answer padded = putGzipped("/v1/words/padded", Arrays.copyOf(HttpTestClient.gzip("a\nb\n".getBytes(StandardCharsets.US_ASCII)), 600));
    assertEquals(200, padded.status(), padded.body());
    assertEquals(2L, padded.json().getLong("count"));
  }

  @Test
  void concatenatedMembersAreReadWhole() {
    byte[] a = HttpTestClient.gzip("apple\nbanana\n".getBytes(StandardCharsets.US_ASCII));
    byte[] b = HttpTestClient.gzip("cherry\n".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(a);
    both.writeBytes(b);
    Answer put = putGzipped("/v1/words/fruit", both.toByteArray());
    assertEquals(200, put.status(), put.body());
    assertEquals(3L, put.json().getLong("count"));
    assertTrue(server.http().get("/v1/words/fruit/contains?word=cherry").json().getBoolean("present"));
    Answer numbers = send("PUT", "/v1/numbers/gzn",
        concat(HttpTestClient.gzip("1\n2\n".getBytes(StandardCharsets.US_ASCII)), HttpTestClient.gzip("3-9\n".getBytes(StandardCharsets.US_ASCII))),
        "text/plain", "x-gzip");
    assertEquals(200, numbers.status(), numbers.body());
    assertEquals(9L, numbers.json().getLong("cardinality"));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void lineUpdatesAndRoaringBodiesGetTheSameChecks() {
    assertEquals(200, server.http().put("/v1/numbers/upd", "1\n2\n3").status());
    byte[] gz = HttpTestClient.gzip("10\n11\n12\n".getBytes(StandardCharsets.US_ASCII));
    Answer cut = send("POST", "/v1/numbers/upd/add", Arrays.copyOf(gz, gz.length - 2), "text/plain", "gzip");
    assertEquals(400, cut.status(), cut.body());
    assertEquals("truncated gzip stream after " + (gz.length - 2) + " bytes", cut.json().getString("error"));
    assertEquals(3L, server.http().get("/v1/numbers/upd").json().getLong("cardinality"));
    Answer whole = send("POST", "/v1/numbers/upd/add", gz, "text/plain", "gzip");
    assertEquals(200, whole.status(), whole.body());
    assertEquals(6L, server.http().get("/v1/numbers/upd").json().getLong("cardinality"));
    assertEquals(200, server.http().put("/v1/words/wupd", "a").status());
    Answer words = send("POST", "/v1/words/wupd/add", Arrays.copyOf(HttpTestClient.gzip("b\nc\n".getBytes(StandardCharsets.US_ASCII)), 12),
        "text/plain", "gzip");
    assertEquals(400, words.status(), words.body());
    assertEquals(1L, server.http().get("/v1/words/wupd").json().getLong("count"));

    byte[] roaring = server.http().get("/v1/numbers/upd/export").raw().body();
    byte[] roaringGz = HttpTestClient.gzip(roaring);
    Answer cutRoaring = send("PUT", "/v1/numbers/roar", Arrays.copyOf(roaringGz, roaringGz.length - 1),
        NumberRoutes.ROARING, "gzip");
    assertEquals(400, cutRoaring.status(), cutRoaring.body());
    assertEquals(404, server.http().get("/v1/numbers/roar").status());
    Answer roar = send("PUT", "/v1/numbers/roar", roaringGz, NumberRoutes.ROARING, "gzip");
    assertEquals(200, roar.status(), roar.body());
    assertEquals(6L, roar.json().getLong("cardinality"));
  }

  @Test
  void jsonBodiesAcceptGzipStrictly() {
    assertEquals(200, server.http().put("/v1/words/js", "alpha\nbeta").status());
    byte[] ask = new JsonObject().put("words", new JsonArray().add("alpha").add("gamma")).encode().getBytes(StandardCharsets.UTF_8);
    Answer found = send("POST", "/v1/words/js/contains", HttpTestClient.gzip(ask), "application/json", "gzip");
    assertEquals(200, found.status(), found.body());
    assertEquals(new JsonArray().add(true).add(false), found.json().getJsonArray("present"));
    byte[] gz = HttpTestClient.gzip(ask);
    Answer cut = send("POST", "/v1/words/js/contains", Arrays.copyOf(gz, gz.length - 4), "application/json", "gzip");
    assertEquals(400, cut.status(), cut.body());
    assertEquals("truncated gzip stream after " + (gz.length - 4) + " bytes", cut.json().getString("error"));

    byte[] add = new JsonObject().put("words", new JsonArray().add("gamma")).encode().getBytes(StandardCharsets.UTF_8);
    byte[] addGz = HttpTestClient.gzip(add);
    Answer cutAdd = send("POST", "/v1/words/js/add", Arrays.copyOf(addGz, addGz.length - 1), "application/json", "gzip");
    assertEquals(400, cutAdd.status(), cutAdd.body());
    assertEquals(2L, server.http().get("/v1/words/js").json().getLong("count"));
    Answer added = send("POST", "/v1/words/js/add", addGz, "application/json", "gzip");
    assertEquals(200, added.status(), added.body());
    assertEquals(3L, server.http().get("/v1/words/js").json().getLong("count"));

    assertEquals(200, server.http().put("/v1/numbers/ja", "1-10").status());
    assertEquals(200, server.http().put("/v1/numbers/jb", "5-20").status());
    byte[] combine = new JsonObject().put("op", "and").put("sets", new JsonArray().add("ja").add("jb")).encode()
        .getBytes(StandardCharsets.UTF_8);
    Answer combined = send("POST", "/v1/numbers/jc/combine", HttpTestClient.gzip(combine), "application/json", "gzip");
    assertEquals(200, combined.status(), combined.body());
    assertEquals(6L, combined.json().getLong("cardinality"));
    Answer notGzip = send("POST", "/v1/numbers/jd/combine", combine, "application/json", "gzip");
    assertEquals(400, notGzip.status(), notGzip.body());
    assertEquals(404, server.http().get("/v1/numbers/jd").status());
  }

  @Test
  void deflateAndUnknownEncodingsAreRefusedWith415() throws Exception {
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, new Deflater())) {
      out.write("a\nb\n".getBytes(StandardCharsets.US_ASCII));
    }
    for (String encoding : new String[] {"deflate", "br", "gzip, gzip"}) {
      Answer put = send("PUT", "/v1/words/defl", zlib.toByteArray(), "text/plain", encoding);
      assertEquals(415, put.status(), put.body());
      assertEquals("unsupported Content-Encoding: " + encoding + " (use gzip or none)", put.json().getString("error"));
    }
    assertEquals(404, server.http().get("/v1/words/defl").status());
    Answer json = send("POST", "/v1/words/big/contains", zlib.toByteArray(), "application/json", "deflate");
    assertEquals(415, json.status(), json.body());
    assertEquals(200, send("PUT", "/v1/words/ident", "x\n".getBytes(StandardCharsets.US_ASCII), "text/plain", "identity").status());
  }
}
