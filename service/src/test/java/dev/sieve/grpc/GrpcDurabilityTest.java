package dev.sieve.grpc;

import static dev.sieve.grpc.GrpcApiTest.lines;
import static dev.sieve.grpc.GrpcApiTest.numbers;
import static dev.sieve.grpc.GrpcApiTest.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gRPC writes are stored like HTTP ones: they survive a restart, and an unreadable snapshot is UNAVAILABLE. */
class GrpcDurabilityTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension().durable();

  @Test
  void loadsCombinesAndDeletesSurviveARestart() throws Exception {
    Path data = server.dataDir();
    server.grpc().loadWithGeneratedClient(true, List.of(lines("fruit", "pear\napple\nkiwi\n")));
    server.grpc().loadWithGeneratedClient(false, List.of(lines("odd", "1\n3\n5-9\n")));
    server.grpc().loadWithGeneratedClient(true, List.of(lines("gone", "x\n")));
    server.grpc().sieve.combine(CombineRequest.newBuilder().setName("copy").setOp("or").addSets("odd").build()).await();
    server.grpc().sieve.delete(words("gone")).await();
    server.stop(); // the next call starts it again, on the same data directory
    try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
      assertEquals(3, files.count(), "one snapshot per set, none for the deleted one");
    }
    assertEquals(3, server.grpc().sieve.stats(words("fruit")).await().getCount());
    assertEquals(7, server.grpc().sieve.stats(numbers("odd")).await().getCount());
    assertEquals(7, server.grpc().sieve.stats(numbers("copy")).await().getCount());
    assertEquals(GrpcStatus.NOT_FOUND, server.grpc().call(SieveGrpcClient.Stats, words("gone"), null).status());
    server.stop();
    // a damaged snapshot: that set is UNAVAILABLE, naming it; the others are served
    Path fruit;
    try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
      fruit = files.filter(p -> p.getFileName().toString().startsWith("words-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(fruit);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(fruit, bytes);
    var outcome = server.grpc().call(SieveGrpcClient.Stats, words("fruit"), null);
    assertEquals(GrpcStatus.UNAVAILABLE, outcome.status());
    assertTrue(outcome.message().contains("'fruit'"), outcome.message());
    assertEquals(7, server.grpc().sieve.stats(numbers("odd")).await().getCount());
  }
}
