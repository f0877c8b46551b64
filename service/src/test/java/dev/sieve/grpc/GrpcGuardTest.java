package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.ServiceConfig;
import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.ListSetsRequest;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.MemoryRequest;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.RoaringChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.GrpcTestClient.Outcome;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UNAUTHENTICATED writes while a token is set (reads stay open), RESOURCE_EXHAUSTED over limits. */
class GrpcGuardTest {
  @RegisterExtension
  final SieveServerExtension guarded = new SieveServerExtension(ServiceConfig.forTests(0).withToken(TOKEN));
  @RegisterExtension
  final SieveServerExtension limited = new SieveServerExtension(ServiceConfig.forTests(0).withLimits(1000, 16));
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  static final String TOKEN = "s3cret";

  static LoadChunk lines(String name, String text) {
    return LoadChunk.newBuilder().setName(name).setLines(ByteString.copyFromUtf8(text)).build();
  }

  @Test
  void writesNeedTheBearerTokenReadsDoNot() {
    SetRef w = SetRef.newBuilder().setKind(Kind.WORDS).setName("w").build();
    SetRef n = SetRef.newBuilder().setKind(Kind.NUMBERS).setName("n").build();
    for (String token : new String[] {null, "wrong", TOKEN + "x", ""}) {
      List<Outcome<?>> refused = List.of(
          guarded.grpc().stream(SieveGrpcClient.LoadWords, List.of(lines("w", "a\nb")).iterator(), token),
          guarded.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(lines("n", "1\n2")).iterator(), token),
          guarded.grpc().stream(SieveGrpcClient.LoadRoaring, List.of(RoaringChunk.newBuilder().setName("n")
              .setData(ByteString.copyFrom(new byte[] {1, 2, 3})).build()).iterator(), token),
          guarded.grpc().call(SieveGrpcClient.Combine, CombineRequest.newBuilder().setName("c").setOp("or").addSets("n").build(), token),
          guarded.grpc().call(SieveGrpcClient.Delete, w, token));
      for (Outcome<?> outcome : refused) {
        assertEquals(GrpcStatus.UNAUTHENTICATED, outcome.status(), "token " + token);
        assertEquals("missing or wrong bearer token", outcome.message());
      }
    }
    assertTrue(guarded.grpc().sieve.listSets(ListSetsRequest.getDefaultInstance()).await().getSetsList().isEmpty());

    assertEquals(2, guarded.grpc().stream(SieveGrpcClient.LoadWords, List.of(lines("w", "a\nb")).iterator(), TOKEN).ok().getCount());
    assertEquals(2, guarded.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(lines("n", "1\n2")).iterator(), TOKEN).ok().getCount());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, guarded.grpc().stream(SieveGrpcClient.LoadRoaring, List.of(RoaringChunk.newBuilder()
        .setName("r").setData(ByteString.copyFrom(new byte[] {1, 2, 3})).build()).iterator(), TOKEN).status());
    assertEquals(2, guarded.grpc().call(SieveGrpcClient.Combine, CombineRequest.newBuilder().setName("c").setOp("or")
        .addSets("n").build(), TOKEN).ok().getCount());

    // reads without any token
    assertEquals(List.of(true, false), guarded.grpc().sieve.contains(ContainsRequest.newBuilder().setSet(w)
        .addAllWords(List.of("a", "c")).build()).await().getPresentList());
    assertEquals(2, guarded.grpc().sieve.prefix(PrefixRequest.newBuilder().setSet("w").build()).await().getCount());
    assertEquals(2, guarded.grpc().sieve.stats(n).await().getCount());
    assertEquals(3, guarded.grpc().sieve.listSets(ListSetsRequest.getDefaultInstance()).await().getSetsCount());
    assertEquals(3, guarded.grpc().sieve.memory(MemoryRequest.getDefaultInstance()).await().getStructuresCount());
    assertEquals(2, guarded.grpc().sieve.memoryOf(n).await().getSet().getCount());
    assertTrue(GrpcApiTest.export(guarded, "n").length > 0);

    assertEquals(GrpcStatus.OK, guarded.grpc().call(SieveGrpcClient.Delete, w, TOKEN).status());
  }

  @Test
  void loadsOverTheLimitsAreResourceExhausted() {
    limited.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(lines("n", "7\n")).iterator(), null).ok();
    long version = limited.grpc().sieve.stats(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("n").build()).await().getVersion();

    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      body.append(i).append('\n'); // 1,090 bytes in all
    }
    var tooLarge = limited.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(lines("n", body.substring(0, 500)),
        LoadChunk.newBuilder().setLines(ByteString.copyFromUtf8(body.substring(500))).build()).iterator(), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, tooLarge.status());
    assertEquals("body larger than 1000 bytes", tooLarge.message());

    var longLine = limited.grpc().stream(SieveGrpcClient.LoadWords,
        List.of(lines("w", "short\nfine\n" + "x".repeat(17) + "\n")).iterator(), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, longLine.status());
    assertTrue(longLine.message().startsWith("line 3: "), longLine.message());
    assertEquals("3", longLine.trailers().get(GrpcErrors.LINE_TRAILER));

    // values count as their decimal lines against the same limits
    LoadChunk.Builder values = LoadChunk.newBuilder().setName("n");
    for (long i = 0; i < 200; i++) {
      values.addValues(1_000_000 + i);
    }
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED,
        limited.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(values.build()).iterator(), null).status());

    assertEquals(version, limited.grpc().sieve.stats(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("n").build()).await().getVersion());
    assertFalse(limited.grpc().sieve.listSets(ListSetsRequest.getDefaultInstance()).await().getSetsList().stream()
        .anyMatch(s -> s.getSet().getName().equals("w")));
  }

  @Test
  void aMessageOverTheLargestAcceptedIsResourceExhausted() {
    LoadChunk huge = lines("huge", "1\n".repeat(17 << 20)); // 34 MB in one message
    var refused = server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(huge).iterator(), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, refused.status());
  }
}
