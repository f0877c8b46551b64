package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.MemoryReport;
import dev.sieve.proto.MemoryRequest;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.ChildServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming promise over gRPC: a server in a child JVM with a 256 MB heap loads the same ~1 GB
 * of numbers and ranges as {@link LargeUploadTest}, sent as a LoadNumbers client stream of 64 KB
 * chunks, generated as they are sent (the client writes only while the stream's queue has room).
 */
class GrpcLargeLoadTest {
  static final int CHUNK_BYTES = 64 << 10;

  @Test
  void loadsAStreamFarLargerThanTheServersHeap() throws Exception {
    try (ChildServer server = ChildServer.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), Map.of(),
        "--port", "0", "--no-demo")) {
      int port = server.awaitPort();
      Vertx vertx = Vertx.vertx();
      try {
        GrpcClient client = GrpcClient.client(vertx);
        SocketAddress address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
        LargeUploadTest.NumberLines body = new LargeUploadTest.NumberLines();
        Promise<LoadSummary> summary = Promise.promise();
        client.request(address, SieveGrpcClient.LoadNumbers).onComplete(ar -> {
          GrpcClientRequest<LoadChunk, LoadSummary> request = ar.result();
          request.response().compose(response -> response.last()).onComplete(summary);
          send(request, body, true, summary);
        });
        LoadSummary loaded = summary.future().await();
        assertEquals(LargeUploadTest.LINES + LargeUploadTest.RANGE_LENGTH, loaded.getCount());
        assertTrue(body.bytes > 1_000_000_000L, "stream was " + body.bytes + " bytes");

        SieveGrpcClient sieve = SieveGrpcClient.create(client, address);
        MemoryReport memory = sieve.memory(MemoryRequest.getDefaultInstance()).await();
        assertTrue(memory.getHeapMax() <= 256L << 20, "child heap max " + memory.getHeapMax());
        assertTrue(body.bytes > 3 * memory.getHeapMax(), "the stream must dwarf the heap");
        assertEquals(List.of(true, false), sieve.contains(ContainsRequest.newBuilder()
            .setSet(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("big"))
            .addNumbers(LargeUploadTest.RANGE_START + 17).addNumbers(4).build()).await().getPresentList());
      } finally {
        vertx.close().await();
      }
    }
  }

  /** Writes chunks while the request's queue has room; resumes on drain; ends after the last. */
  private static void send(GrpcClientRequest<LoadChunk, ?> request, LargeUploadTest.NumberLines body,
      boolean first, Promise<?> answered) {
    byte[] buffer = new byte[CHUNK_BYTES];
    while (!request.writeQueueFull() && !answered.future().isComplete()) {
      int n = body.read(buffer, 0, buffer.length);
      if (n < 0) {
        request.end();
        return;
      }
      LoadChunk.Builder chunk = LoadChunk.newBuilder().setLines(ByteString.copyFrom(buffer, 0, n));
      if (first) {
        chunk.setName("big");
        first = false;
      }
      request.write(chunk.build());
    }
    if (!answered.future().isComplete()) {
      request.drainHandler(v -> send(request, body, false, answered));
    }
  }
}
