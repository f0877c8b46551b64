package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.api.ApiLimits;
import dev.sieve.api.Operations;
import dev.sieve.api.Workers;
import dev.sieve.http.ApiRouter;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.numbers.NumberSet;
import dev.sieve.proto.Kind;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetFamily;
import dev.sieve.registry.SetStore;
import dev.sieve.store.DataDir;
import dev.sieve.testing.GrpcTestClient;
import dev.sieve.words.WordSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both faces give the same answer, status for status and message for message, where the one core
 * decides it: a set asked for before the stored sets are restored (503 / UNAVAILABLE), a set whose
 * snapshot is unreadable (503 / UNAVAILABLE), no such set (404 / NOT_FOUND), an update over the
 * update limit (413 / RESOURCE_EXHAUSTED, from lines, JSON and gRPC alike) and a bad line of a load
 * (400 / INVALID_ARGUMENT, with its line), each with the same error code (HTTP's {@code code}, gRPC's
 * {@code sieve-error-code} trailer). The faces serve a store whose restore the test runs.
 */
class FaceParityTest {
  static final int MAX_LINE = 65536;

  Vertx vertx;
  SetStore store;
  GrpcTestClient grpc;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  int port;

  @AfterEach
  void stop() throws Exception {
    if (grpc != null) {
      grpc.close();
    }
    vertx.close().await();
    store.close();
  }

  /** Both faces over a store of {@code dataDir}, not restored yet. */
  void serve(Path dataDir) {
    vertx = Vertx.vertx();
    Registry registry = new Registry();
    store = new SetStore(registry, dataDir, CompactionPolicy.defaults());
    Workers workers = Workers.create(vertx);
    Operations ops = new Operations(registry, store,
        new SetLoader(workers.builds(), new LoadLimits(1L << 30, MAX_LINE)), workers);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setPort(0).setHandle100ContinueAutomatically(true))
        .requestHandler(GrpcFace.beside(GrpcFace.server(vertx, ops, null), ApiRouter.create(vertx, ops, null)))
        .listen().await();
    port = server.actualPort();
    grpc = new GrpcTestClient(vertx, port);
  }

  record Answer(int status, String error, long line, String code) {}

  Answer http(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonObject json = new JsonObject(r.body());
    return new Answer(r.statusCode(), json.getString("error"), json.getLong("line", 0L), json.getString("code"));
  }

  static void agree(Answer overHttp, int status, GrpcTestClient.Outcome<?> overGrpc, GrpcStatus grpcStatus) {
    assertEquals(status, overHttp.status(), overHttp.error());
    assertEquals(grpcStatus, overGrpc.status(), overGrpc.message());
    assertEquals(overHttp.error(), overGrpc.message());
    // the same stable code: HTTP's "code" field, gRPC's trailer
    assertEquals(overHttp.code(), overGrpc.trailers().get("sieve-error-code"), overHttp.error());
  }

  static SetRef ref(Kind kind, String name) {
    return SetRef.newBuilder().setKind(kind).setName(name).build();
  }

  @Test
  void setsNotRestoredYetAndUnreadableSetsAnswerUnavailableOnBothFaces(@TempDir Path data) throws Exception {
    SetStore first = new SetStore(new Registry(), data, CompactionPolicy.defaults());
    first.restore();
    first.replace(SetFamily.WORDS, "broken", WordSet.of(List.of("a", "b")));
    first.replace(SetFamily.NUMBERS, "n", NumberSet.of(1, 2, 3));
    first.close();
    try (Stream<Path> files = Files.list(DataDir.snapshots(data))) {
      Path trie = files.filter(p -> p.getFileName().toString().startsWith("words-")).findFirst().orElseThrow();
      try (FileChannel ch = FileChannel.open(trie, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() / 2);
      }
    }
    serve(data);

    Answer read = http("GET", "/v1/numbers/n/range?from=0", null, null);
    agree(read, 503, grpc.call(SieveGrpcClient.Range, RangeRequest.newBuilder().setSet("n").build(), null),
        GrpcStatus.UNAVAILABLE);
    assertEquals(SetStore.NOT_RESTORED, read.error());
    assertEquals("starting", read.code());
    agree(http("POST", "/v1/words/w/add", "text/plain", "x\n"), 503,
        grpc.call(SieveGrpcClient.Add, UpdateRequest.newBuilder().setSet(ref(Kind.WORDS, "w")).addWords("x").build(), null),
        GrpcStatus.UNAVAILABLE);

    store.restore();
    Answer broken = http("GET", "/v1/words/broken/prefix?prefix=a", null, null);
    agree(broken, 503, grpc.call(SieveGrpcClient.Prefix, PrefixRequest.newBuilder().setSet("broken").setPrefix("a").build(), null),
        GrpcStatus.UNAVAILABLE);
    assertTrue(broken.error().startsWith("words set 'broken' is unavailable"), broken.error());
    assertEquals("unavailable", broken.code());
    agree(http("GET", "/v1/numbers/none/range?from=0", null, null), 404,
        grpc.call(SieveGrpcClient.Range, RangeRequest.newBuilder().setSet("none").build(), null), GrpcStatus.NOT_FOUND);
    agree(http("DELETE", "/v1/words/none", null, null), 404,
        grpc.call(SieveGrpcClient.Delete, ref(Kind.WORDS, "none"), null), GrpcStatus.NOT_FOUND);
  }

  @Test
  void anUpdateOverTheLimitIsTooLargeFromLinesJsonAndGrpc() throws Exception {
    serve(null);
    store.restore();
    assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/words/w"))
        .PUT(HttpRequest.BodyPublishers.ofString("a\n")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    String word = "w".repeat(60_000);
    int count = ApiLimits.MAX_UPDATE_BYTES / (word.length() + 1) + 1;
    JsonArray json = new JsonArray();
    StringBuilder lines = new StringBuilder();
    UpdateRequest.Builder request = UpdateRequest.newBuilder().setSet(ref(Kind.WORDS, "w"));
    for (int i = 0; i < count; i++) {
      json.add(word);
      lines.append(word).append('\n');
      request.addWords(word);
    }
    GrpcTestClient.Outcome<?> overGrpc = grpc.call(SieveGrpcClient.Add, request.build(), null);
    Answer overJson = http("POST", "/v1/words/w/add", "application/json", new JsonObject().put("words", json).encode());
    agree(overJson, 413, overGrpc, GrpcStatus.RESOURCE_EXHAUSTED);
    Answer overLines = http("POST", "/v1/words/w/add", "text/plain", lines.toString());
    assertEquals(413, overLines.status(), overLines.error());
    assertEquals(overJson.error(), overLines.error());
    assertTrue(overJson.error().startsWith("an update holds at most " + ApiLimits.MAX_UPDATE_BYTES + " bytes of words"));
  }

  @Test
  void aBadLineIsInvalidWithItsLineOnBothFaces() throws Exception {
    serve(null);
    store.restore();
    Answer overHttp = http("PUT", "/v1/numbers/bad", "text/plain", "1\n2\nseven\n");
    GrpcTestClient.Outcome<?> overGrpc = grpc.stream(SieveGrpcClient.LoadNumbers, List.of(LoadChunk.newBuilder()
        .setName("bad").setLines(ByteString.copyFromUtf8("1\n2\nseven\n")).build()).iterator(), null);
    assertEquals(400, overHttp.status());
    assertEquals(3, overHttp.line());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, overGrpc.status());
    assertEquals("line 3: " + overHttp.error(), overGrpc.message());
    assertEquals("3", overGrpc.trailers().get(GrpcErrors.LINE_TRAILER));
    agree(http("GET", "/v1/numbers/bad", null, null), 404,
        grpc.call(SieveGrpcClient.Stats, ref(Kind.NUMBERS, "bad"), null), GrpcStatus.NOT_FOUND);
  }
}
