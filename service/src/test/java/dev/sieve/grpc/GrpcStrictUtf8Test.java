package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.MessageLite;
import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ExportRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.RoaringChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcService;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.testing.GrpcTestClient.Outcome;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * protobuf strings are UTF-8 by contract: a request whose string field holds invalid UTF-8 ends
 * INVALID_ARGUMENT naming the field, on every method that takes text, and changes nothing.
 */
class GrpcStrictUtf8Test {
  /** Stands in for the bad bytes: replaced, byte for byte, in the encoded message. */
  private static final String MARK = "\u0001BAD\u0001";
  private static final byte[] BAD = {0x01, 'q', (byte) 0xFF, 'x', 0x01};
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @BeforeAll
  static void start() {
    server.grpc().loadWithGeneratedClient(true, List.of(LoadChunk.newBuilder().setName("w")
        .setLines(com.google.protobuf.ByteString.copyFromUtf8("q\ufffdx\nok\n")).build()));
    server.grpc().loadWithGeneratedClient(false, List.of(LoadChunk.newBuilder().setName("n").addValues(1).build()));
  }

  /** {@code message} encoded, with the bytes of {@link #MARK} made invalid UTF-8. */
  private static Buffer spoiled(MessageLite message) {
    byte[] b = message.toByteArray();
    byte[] mark = MARK.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + mark.length <= b.length; i++) {
      if (java.util.Arrays.equals(b, i, i + mark.length, mark, 0, mark.length)) {
        System.arraycopy(BAD, 0, b, i, BAD.length);
        return Buffer.buffer(b);
      }
    }
    throw new AssertionError("no mark in " + message);
  }

  private static ServiceMethod<Buffer, Buffer> raw(String method) {
    return ServiceMethod.client(SieveGrpcService.SERVICE_NAME, method, GrpcMessageEncoder.IDENTITY,
        GrpcMessageDecoder.IDENTITY);
  }

  private static void assertRefused(String method, MessageLite message, String field) {
    Outcome<Buffer> outcome = server.grpc().call(raw(method), spoiled(message), null);
    assertEquals(GrpcStatus.INVALID_ARGUMENT, outcome.status(), method + ": " + outcome.message());
    assertEquals("message 1: " + field + " is not valid UTF-8", outcome.message(), method);
  }

  private static SetRef words(String name) {
    return SetRef.newBuilder().setKind(Kind.WORDS).setName(name).build();
  }

  @Test
  void lookupsNameTheField() {
    assertRefused("Contains", ContainsRequest.newBuilder().setSet(words("w")).addWords("ok").addWords(MARK).build(),
        "words[1]");
    assertRefused("Contains", ContainsRequest.newBuilder().setSet(words(MARK)).addWords("ok").build(), "set.name");
    assertRefused("Prefix", PrefixRequest.newBuilder().setSet("w").setPrefix(MARK).build(), "prefix");
    assertRefused("Prefix", PrefixRequest.newBuilder().setSet("w").setPrefix("q").setAfter(MARK).build(), "after");
    assertRefused("Prefix", PrefixRequest.newBuilder().setSet(MARK).build(), "set");
    assertRefused("Range", RangeRequest.newBuilder().setSet(MARK).build(), "set");
    assertRefused("Stats", words(MARK), "name");
    assertRefused("MemoryOf", words(MARK), "name");
    assertRefused("Export", ExportRequest.newBuilder().setSet(MARK).build(), "set");
  }

  @Test
  void writesNameTheFieldAndChangeNothing() {
    assertRefused("Add", UpdateRequest.newBuilder().setSet(words("w")).addWords("new").addWords(MARK).build(), "words[1]");
    assertRefused("Remove", UpdateRequest.newBuilder().setSet(words("w")).addWords(MARK).build(), "words[0]");
    assertRefused("Add", UpdateRequest.newBuilder().setSet(words(MARK)).addWords("a").build(), "set.name");
    assertRefused("Combine", CombineRequest.newBuilder().setName(MARK).setOp("or").addSets("n").build(), "name");
    assertRefused("Combine", CombineRequest.newBuilder().setName("c").setOp(MARK).addSets("n").build(), "op");
    assertRefused("Combine", CombineRequest.newBuilder().setName("c").setOp("or").addSets("n").addSets(MARK).build(),
        "sets[1]");
    assertRefused("Delete", words(MARK), "name");
    assertRefused("LoadWords", LoadChunk.newBuilder().setName(MARK).build(), "name");
    assertRefused("LoadNumbers", LoadChunk.newBuilder().setName(MARK).addValues(3).build(), "name");
    assertRefused("LoadRoaring", RoaringChunk.newBuilder().setName(MARK).build(), "name");
    // nothing changed: w still holds its two words, and q U+FFFD x is still only matched by itself
    var present = server.grpc().sieve.contains(ContainsRequest.newBuilder().setSet(words("w"))
        .addWords("q\ufffdx").addWords("new").addWords("ok").build()).await();
    assertEquals(List.of(true, false, true), present.getPresentList());
    assertEquals(2, server.grpc().sieve.stats(words("w")).await().getCount());
    assertTrue(server.grpc().sieve.listSets(dev.sieve.proto.ListSetsRequest.getDefaultInstance()).await().getSetsList().stream()
        .noneMatch(s -> s.getSet().getName().equals("c")));
  }

  @Test
  void bytesThatAreNoMessageAreInvalidArgument() {
    Outcome<Buffer> outcome = server.grpc().call(raw("Contains"), Buffer.buffer(new byte[] {0x0a, 0x7f}), null);
    assertEquals(GrpcStatus.INVALID_ARGUMENT, outcome.status(), outcome.message());
    assertTrue(outcome.message().startsWith("message 1: not a valid ContainsRequest message"), outcome.message());
  }
}
