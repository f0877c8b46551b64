package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.proto.ExportRequest;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.proto.WordChunk;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A word set's export, over HTTP (plain and gzip) and gRPC ({@code ExportWords}), against a
 * TreeSet oracle in byte order: random Unicode sets with updates pending in their delta, a set
 * large enough to take many pieces, an empty set, and a missing one (the same error both ways).
 */
class WordExportTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  static final java.util.Comparator<String> BYTE_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  static String randomWord(Random random) {
    StringBuilder w = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> w.appendCodePoint(0x1F600 + random.nextInt(40)); // 4 bytes, a surrogate pair in Java
        case 1 -> w.appendCodePoint(0xE0 + random.nextInt(30));    // 2 bytes
        case 2 -> w.appendCodePoint(0x4E00 + random.nextInt(50));  // 3 bytes
        default -> w.append((char) ('a' + random.nextInt(4)));     // shared prefixes
      }
    }
    return w.toString();
  }

  static String lines(Iterable<String> words) {
    StringBuilder out = new StringBuilder();
    for (String w : words) {
      out.append(w).append('\n');
    }
    return out.toString();
  }

  /** ExportWords' pieces, through the generated client, started on a Vert.x context (see GrpcApiTest.export). */
  static List<byte[]> grpcExport(String set) {
    Promise<List<byte[]>> all = Promise.promise();
    server.vertx().runOnContext(v -> server.grpc().sieve.exportWords(ExportRequest.newBuilder().setSet(set).build())
        .onComplete(ar -> {
          if (ar.failed()) {
            all.tryFail(ar.cause());
            return;
          }
          List<byte[]> pieces = new ArrayList<>();
          ar.result().handler((WordChunk chunk) -> pieces.add(chunk.getLines().toByteArray()));
          ar.result().endHandler(end -> all.tryComplete(pieces));
          ar.result().exceptionHandler(all::tryFail);
        }));
    return all.future().await();
  }

  static byte[] concat(List<byte[]> pieces) {
    ByteString all = ByteString.EMPTY;
    for (byte[] p : pieces) {
      all = all.concat(ByteString.copyFrom(p));
    }
    return all.toByteArray();
  }

  static Answer get(String path, boolean gzip) {
    HttpTestClient http = server.http();
    var request = http.request(path).GET();
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return http.send(request.build());
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /** The three exports of {@code name} are each exactly {@code expected}, in lines. */
  static void exportsAre(String name, TreeSet<String> expected) throws IOException {
    byte[] want = lines(expected).getBytes(StandardCharsets.UTF_8);
    Answer plain = get("/v1/words/" + name + "/export", false);
    assertEquals(200, plain.status(), plain.body());
    assertEquals("text/plain; charset=utf-8", plain.raw().headers().firstValue("Content-Type").orElse(null));
    assertEquals(null, plain.raw().headers().firstValue("Content-Encoding").orElse(null));
    assertArrayEquals(want, plain.raw().body(), name);

    Answer gzipped = get("/v1/words/" + name + "/export", true);
    assertEquals(200, gzipped.status());
    assertEquals("gzip", gzipped.raw().headers().firstValue("Content-Encoding").orElse(null));
    assertArrayEquals(want, gunzip(gzipped.raw().body()), name + " (gzip)");

    List<byte[]> pieces = grpcExport(name);
    assertArrayEquals(want, concat(pieces), name + " (gRPC)");
    for (byte[] piece : pieces) {
      assertTrue(piece.length > 0 && piece[piece.length - 1] == '\n', "a piece ends at a line's end");
    }
  }

  @Test
  void randomSetsWithPendingUpdatesExportInByteOrder() throws IOException {
    Random random = new Random(13);
    for (int round = 0; round < 12; round++) {
      TreeSet<String> oracle = new TreeSet<>(BYTE_ORDER);
      List<String> loaded = new ArrayList<>();
      int size = random.nextInt(400);
      for (int i = 0; i < size; i++) {
        String w = randomWord(random);
        loaded.add(w);
        oracle.add(w);
      }
      String name = "r" + round;
      assertEquals(200, server.http().put("/v1/words/" + name, lines(loaded)).status());
      // updates that stay in the delta (no compaction within the test): adds, and removes of loaded words
      JsonArray adds = new JsonArray();
      JsonArray removes = new JsonArray();
      for (int i = 0; i < random.nextInt(30); i++) {
        String w = randomWord(random);
        adds.add(w);
        oracle.add(w);
      }
      for (int i = 0; i < random.nextInt(30) && !loaded.isEmpty(); i++) {
        String w = loaded.get(random.nextInt(loaded.size()));
        removes.add(w);
      }
      if (!adds.isEmpty()) {
        assertEquals(200, server.http().post("/v1/words/" + name + "/add", new JsonObject().put("words", adds)).status());
      }
      if (!removes.isEmpty()) {
        assertEquals(200, server.http().post("/v1/words/" + name + "/remove", new JsonObject().put("words", removes)).status());
        removes.forEach(oracle::remove);
      }
      exportsAre(name, oracle);
    }
  }

  @Test
  void aLargeSetTakesManyPiecesAndLoadsBackTheSame() throws IOException {
    TreeSet<String> oracle = new TreeSet<>(BYTE_ORDER);
    for (int i = 0; i < 40_000; i++) {
      oracle.add("word-" + Integer.toString(i * 7919, 36) + "-" + (i % 97));
    }
    assertEquals(200, server.http().put("/v1/words/big", lines(oracle)).status());
    exportsAre("big", oracle);
    assertTrue(grpcExport("big").size() >= 8, "pieces of about 64 KiB");

    // the gzip export loads back as it is
    byte[] gz = get("/v1/words/big/export", true).raw().body();
    Answer copy = server.http().send(server.http().request("/v1/words/copy").header("Content-Type", "text/plain")
        .header("Content-Encoding", "gzip").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(gz)).build());
    assertEquals(200, copy.status(), copy.body());
    assertEquals(oracle.size(), copy.json().getLong("count"));
  }

  @Test
  void grpcAnswersAreNotCompressedByHttpEvenWhenTheClientAcceptsGzip() {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      words.append("w").append(i).append('\n');
    }
    assertEquals(200, server.http().put("/v1/words/many", words.toString()).status());
    // a gRPC client sending HTTP's Accept-Encoding (a proxy may add it) still gets gRPC frames
    var page = server.grpc().client.request(server.grpc().address, SieveGrpcClient.Prefix).compose(request -> {
      request.headers().set("accept-encoding", "gzip");
      request.end(dev.sieve.proto.PrefixRequest.newBuilder().setSet("many").setLimit(5000).build());
      return request.response().compose(response -> response.last());
    }).await();
    assertEquals(5000, page.getWordsCount());
  }

  @Test
  void anEmptySetExportsNothing() throws IOException {
    assertEquals(200, server.http().put("/v1/words/empty", "").status());
    exportsAre("empty", new TreeSet<>(BYTE_ORDER));
    assertEquals(List.of(), grpcExport("empty"));
  }

  @Test
  void aMissingSetIsTheSameErrorOnBothFaces() {
    Answer http = get("/v1/words/nowhere/export", false);
    var grpc = server.grpc().call(SieveGrpcClient.ExportWords, ExportRequest.newBuilder().setSet("nowhere").build(), null);
    assertEquals(404, http.status());
    assertEquals(GrpcStatus.NOT_FOUND, grpc.status());
    assertEquals(http.json().getString("error"), grpc.message());
    assertEquals("no_such_set", http.json().getString("code"));
    assertEquals("no_such_set", grpc.trailers().get("sieve-error-code"));

    var badName = server.grpc().call(SieveGrpcClient.ExportWords, ExportRequest.newBuilder().setSet("bad name").build(), null);
    assertEquals(GrpcStatus.INVALID_ARGUMENT, badName.status());
    assertEquals("bad_request", badName.trailers().get("sieve-error-code"));
  }
}
