package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.proto.Kind;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SetStats;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A load cancelled by its client mid-stream installs nothing: the old version keeps serving. */
class GrpcCancelTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  /** Streams {@code chunks} chunks of lines to {@code method}, then cancels the call. */
  static void sendThenCancel(ServiceMethod<?, LoadChunk> method, String name, int chunks) {
    Promise<Void> cancelled = Promise.promise();
    server.grpc().client.request(server.grpc().address, method).onComplete(ar -> {
      GrpcClientRequest<LoadChunk, ?> request = ar.result();
      for (int c = 0; c < chunks; c++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
          text.append("w").append(c * 10_000 + i).append('\n');
        }
        request.write(LoadChunk.newBuilder().setName(name).setLines(ByteString.copyFromUtf8(text.toString())).build());
      }
      // let the chunks reach the server before the cancel does
      server.vertx().setTimer(300, t -> {
        request.cancel();
        cancelled.complete();
      });
    });
    cancelled.future().await();
  }

  @Test
  void cancelledLoadsLeaveTheOldVersions() throws Exception {
    server.grpc().loadWithGeneratedClient(true, List.of(LoadChunk.newBuilder().setName("c")
        .setLines(ByteString.copyFromUtf8("old\nwords\n")).build()));
    server.grpc().loadWithGeneratedClient(false, List.of(LoadChunk.newBuilder().setName("c")
        .setLines(ByteString.copyFromUtf8("1\n2\n3\n")).build()));
    SetRef words = SetRef.newBuilder().setKind(Kind.WORDS).setName("c").build();
    SetRef numbers = SetRef.newBuilder().setKind(Kind.NUMBERS).setName("c").build();
    SetStats wordsBefore = server.grpc().sieve.stats(words).await();
    SetStats numbersBefore = server.grpc().sieve.stats(numbers).await();

    sendThenCancel(SieveGrpcClient.LoadWords, "c", 20);
    sendThenCancel(SieveGrpcClient.LoadNumbers, "c", 20); // "w1" lines: bad if read, but never read whole
    Thread.sleep(500);

    assertEquals(wordsBefore, server.grpc().sieve.stats(words).await());
    assertEquals(numbersBefore, server.grpc().sieve.stats(numbers).await());
    // the server still loads after the cancels
    assertEquals(1, server.grpc().loadWithGeneratedClient(true, List.of(LoadChunk.newBuilder().setName("c")
        .setLines(ByteString.copyFromUtf8("new\n")).build())).getCount());
    assertTrue(server.grpc().sieve.stats(words).await().getVersion() > wordsBefore.getVersion());
  }
}
