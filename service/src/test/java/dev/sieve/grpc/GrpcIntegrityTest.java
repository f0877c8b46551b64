package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.sieve.proto.Kind;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.RoaringChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SetStats;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * gRPC loads are installed only from whole, clean streams (issue 9): a message compressed with
 * {@code grpc-encoding: gzip} is inflated and checked as strictly as an HTTP gzip body (a cut or
 * damaged one is INVALID_ARGUMENT and installs nothing), and a stream that ends in the middle of
 * a message installs nothing either. The calls are framed by hand over a plain HTTP/2 client, so
 * that the bytes on the wire are exactly those the test means.
 */
class GrpcIntegrityTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();
  static HttpClient http;
  static final SetRef WORDS = SetRef.newBuilder().setKind(Kind.WORDS).setName("g").build();

  @BeforeAll
  static void start() {
    http = server.vertx().createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    server.grpc().loadWithGeneratedClient(true, List.of(LoadChunk.newBuilder().setName("g")
        .setLines(ByteString.copyFromUtf8("old\nwords\nhere\n")).build()));
  }

  @AfterAll
  static void stop() {
    http.close().await();
  }

  /** How a hand-framed call ended. */
  record Ended(String status, String message) {}

  /** Sends {@code body} (already framed) to {@code method}, with {@code grpc-encoding} when not null. */
  static Ended call(String method, String encoding, Buffer body) {
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(server.port())
        .setURI("/sieve.v1.Sieve/" + method)).compose(request -> {
          request.putHeader("content-type", "application/grpc");
          request.putHeader("te", "trailers");
          if (encoding != null) {
            request.putHeader("grpc-encoding", encoding);
          }
          return request.send(body).compose(response -> response.body().map(ignored -> {
            String status = response.getTrailer("grpc-status") != null ? response.getTrailer("grpc-status") : response.getHeader("grpc-status");
            String message = response.getTrailer("grpc-message") != null ? response.getTrailer("grpc-message") : response.getHeader("grpc-message");
            return new Ended(status, message == null ? null : java.net.URLDecoder.decode(message, java.nio.charset.StandardCharsets.UTF_8));
          }));
        }).toCompletionStage().toCompletableFuture().completeOnTimeout(new Ended("no answer", null), 20, TimeUnit.SECONDS).join();
  }

  /** One gRPC frame: flag, 4-byte length, payload. */
  static Buffer frame(boolean compressed, byte[] payload) {
    return Buffer.buffer().appendByte((byte) (compressed ? 1 : 0)).appendInt(payload.length).appendBytes(payload);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] chunk(String name, String lines) {
    return LoadChunk.newBuilder().setName(name).setLines(ByteString.copyFromUtf8(lines)).build().toByteArray();
  }

  static void assertUnchanged(SetStats before) {
    assertEquals(before, server.grpc().sieve.stats(WORDS).await());
  }

  @Test
  void wholeGzipMessagesLoad() throws IOException {
    Buffer body = frame(true, gzip(chunk("gz", "alpha\nbeta\n"))).appendBuffer(frame(true, gzip(chunk("", "gamma\n"))))
        .appendBuffer(frame(false, chunk("", "delta\n")));
    Ended ok = call("LoadWords", "gzip", body);
    assertEquals("0", ok.status(), ok.message());
    assertEquals(4, server.grpc().sieve.stats(SetRef.newBuilder().setKind(Kind.WORDS).setName("gz").build()).await().getCount());
  }

  @Test
  void aClientThatCompressesItsMessagesLoads() {
    // Vert.x's own client compressing with gzip: what it sends passes the strict checks
    LoadSummary summary = server.grpc().client.request(server.grpc().address, SieveGrpcClient.LoadWords).compose(request -> {
      request.encoding("gzip");
      request.write(LoadChunk.newBuilder().setName("vz").setLines(ByteString.copyFromUtf8("one\ntwo\n")).build());
      request.write(LoadChunk.newBuilder().setLines(ByteString.copyFromUtf8("three\n")).build());
      request.end();
      return request.response().compose(response -> response.last());
    }).await();
    assertEquals(3, summary.getCount());
  }

  @Test
  void aCutOrDamagedGzipMessageIsRefusedAndInstallsNothing() throws IOException {
    SetStats before = server.grpc().sieve.stats(WORDS).await();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      lines.append("new").append(i).append('\n');
    }
    byte[] second = gzip(chunk("", lines.toString()));
    for (int cut : new int[] {4, second.length / 2, second.length - 4}) {
      Buffer body = frame(true, gzip(chunk("g", "first\n"))).appendBuffer(frame(true, Arrays.copyOf(second, cut)));
      Ended refused = call("LoadWords", "gzip", body);
      assertEquals("3", refused.status(), "cut at " + cut + ": " + refused.message()); // INVALID_ARGUMENT
      assertEquals("message 2: truncated gzip stream after " + cut + " bytes", refused.message());
      assertUnchanged(before);
    }
    byte[] damaged = second.clone();
    damaged[damaged.length - 6] ^= 1; // in the CRC32
    Ended crc = call("LoadWords", "gzip", frame(true, damaged));
    assertEquals("3", crc.status(), crc.message());
    assertTrue(crc.message().startsWith("message 1: invalid gzip data at byte " + (damaged.length - 8) + ": CRC32 mismatch"),
        crc.message());
    Ended foreign = call("LoadWords", "gzip", frame(true, chunk("g", "plain\n")));
    assertEquals("3", foreign.status(), foreign.message());
    assertTrue(foreign.message().startsWith("message 1: invalid gzip data at byte 0"), foreign.message());
    byte[] trailing = Arrays.copyOf(second, second.length + 1);
    trailing[second.length] = 'x';
    Ended junk = call("LoadWords", "gzip", frame(true, trailing));
    assertEquals("3", junk.status(), junk.message());
    assertUnchanged(before);
  }

  @Test
  void aStreamEndingInTheMiddleOfAMessageInstallsNothing() {
    SetStats before = server.grpc().sieve.stats(WORDS).await();
    byte[] second = chunk("", "more\nwords\n");
    Buffer whole = frame(false, second);
    for (int cut : new int[] {2, 5, whole.length() - 1}) {
      Buffer body = frame(false, chunk("g", "first\n")).appendBuffer(whole.slice(0, cut));
      Ended refused = call("LoadWords", null, body);
      assertEquals("3", refused.status(), "cut at " + cut + ": " + refused.message());
      assertTrue(refused.message().startsWith("the stream ended in the middle of a message"), refused.message());
      assertUnchanged(before);
    }
  }

  @Test
  void aUnaryCallEndingInsideItsMessageIsRefused() {
    SetStats before = server.grpc().sieve.stats(WORDS).await();
    Buffer add = frame(false, UpdateRequest.newBuilder().setSet(WORDS).addWords("partial").build().toByteArray());
    Ended refused = call("Add", null, add.slice(0, add.length() - 3));
    assertEquals("3", refused.status(), refused.message());
    assertTrue(refused.message().startsWith("the stream ended in the middle of a message"), refused.message());
    assertUnchanged(before);
  }

  @Test
  void aMessageThatIsNotProtobufIsRefused() {
    SetStats before = server.grpc().sieve.stats(WORDS).await();
    Buffer body = frame(false, chunk("g", "first\n")).appendBuffer(frame(false, new byte[] {(byte) 0xFF, 0x7F, 1}));
    Ended refused = call("LoadWords", null, body);
    assertEquals("3", refused.status(), refused.message());
    assertTrue(refused.message().startsWith("message 2: "), refused.message());
    assertUnchanged(before);
  }

  @Test
  void unaryCallsAndRoaringLoadsGetTheSameChecks() throws IOException {
    SetStats before = server.grpc().sieve.stats(WORDS).await();
    byte[] add = UpdateRequest.newBuilder().setSet(WORDS).addWords("added").build().toByteArray();
    byte[] gz = gzip(add);
    Ended cut = call("Add", "gzip", frame(true, Arrays.copyOf(gz, gz.length - 2)));
    assertEquals("3", cut.status(), cut.message());
    assertEquals("message 1: truncated gzip stream after " + (gz.length - 2) + " bytes", cut.message());
    assertUnchanged(before);
    Ended whole = call("Add", "gzip", frame(true, gz));
    assertEquals("0", whole.status(), whole.message());
    assertEquals(before.getCount() + 1, server.grpc().sieve.stats(WORDS).await().getCount());

    MessageLite roaring = RoaringChunk.newBuilder().setName("groar").setData(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
    byte[] rgz = gzip(roaring.toByteArray());
    Ended roar = call("LoadRoaring", "gzip", frame(true, Arrays.copyOf(rgz, rgz.length - 1)));
    assertEquals("3", roar.status(), roar.message());
    assertEquals("message 1: truncated gzip stream after " + (rgz.length - 1) + " bytes", roar.message());
  }

  @Test
  void anUnknownMessageEncodingIsUnimplemented() {
    Ended refused = call("LoadWords", "deflate", frame(true, chunk("g", "x\n")));
    assertEquals("12", refused.status(), refused.message()); // UNIMPLEMENTED, as the gRPC spec asks
  }
}
