package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ContainsResponse;
import dev.sieve.proto.DeleteResponse;
import dev.sieve.proto.ExportRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.ListSetsRequest;
import dev.sieve.proto.ListSetsResponse;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.MemoryBreakdown;
import dev.sieve.proto.MemoryPart;
import dev.sieve.proto.MemoryReport;
import dev.sieve.proto.MemoryRequest;
import dev.sieve.proto.OnError;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.PrefixResponse;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.RangeResponse;
import dev.sieve.proto.RoaringChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SetStats;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.GrpcTestClient.Outcome;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.Promise;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every RPC through the generated client, and the errors of each, against a real server. */
class GrpcApiTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  static LoadChunk lines(String name, String text) {
    return LoadChunk.newBuilder().setName(name).setLines(ByteString.copyFromUtf8(text)).build();
  }

  static LoadChunk more(String text) {
    return LoadChunk.newBuilder().setLines(ByteString.copyFromUtf8(text)).build();
  }

  static SetRef words(String name) {
    return SetRef.newBuilder().setKind(Kind.WORDS).setName(name).build();
  }

  static SetRef numbers(String name) {
    return SetRef.newBuilder().setKind(Kind.NUMBERS).setName(name).build();
  }

  @Test
  void loadsWordsInChunksCutMidLineAndAnswersLookups() {
    // lines cut anywhere across chunks, CRLF and empty lines, duplicates, any order
    LoadSummary summary = server.grpc().loadWithGeneratedClient(true, List.of(
        lines("fruit", "pear\r\napp"), more("le\n\napricot\nbanana\nappl"), more("e\nzucchini")));
    assertEquals("fruit", summary.getName());
    assertEquals(Kind.WORDS, summary.getKind());
    assertEquals(5, summary.getCount());
    assertTrue(summary.getBytes() > 0);
    assertTrue(summary.getVersion() > 0);
    assertEquals(0, summary.getSkipped());

    SieveGrpcClient sieve = server.grpc().sieve;
    ContainsResponse present = sieve.contains(ContainsRequest.newBuilder().setSet(words("fruit"))
        .addAllWords(List.of("apple", "appl", "zucchini", "kiwi", "")).build()).await();
    assertEquals(List.of(true, false, true, false, false), present.getPresentList());

    PrefixResponse page = sieve.prefix(PrefixRequest.newBuilder().setSet("fruit").setPrefix("ap").setLimit(1).build()).await();
    assertEquals("ap", page.getPrefix());
    assertEquals(2, page.getCount());
    assertEquals(List.of("apple"), page.getWordsList());
    assertEquals("apple", page.getNext());
    PrefixResponse last = sieve.prefix(PrefixRequest.newBuilder().setSet("fruit").setPrefix("ap")
        .setAfter(page.getNext()).setLimit(1).build()).await();
    assertEquals(List.of("apricot"), last.getWordsList());
    assertFalse(last.hasNext());
    PrefixResponse all = sieve.prefix(PrefixRequest.newBuilder().setSet("fruit").build()).await();
    assertEquals(List.of("apple", "apricot", "banana", "pear", "zucchini"), all.getWordsList());

    SetStats stats = sieve.stats(words("fruit")).await();
    assertEquals(5, stats.getCount());
    assertEquals(summary.getVersion(), stats.getVersion());
    assertEquals(summary.getBytes(), stats.getBytes());
    assertTrue(stats.getBaselineBytes() > stats.getBytes());
    assertFalse(stats.getLoadedAt().isEmpty());
  }

  @Test
  void loadsNumbersFromLinesOrValuesAndAnswersLookups() {
    LoadSummary fromLines = server.grpc().loadWithGeneratedClient(false, List.of(
        lines("odd", "1\n3\n5-9"), more("\n4294967297\n")));
    assertEquals(Kind.NUMBERS, fromLines.getKind());
    assertEquals(8, fromLines.getCount());
    LoadSummary fromValues = server.grpc().loadWithGeneratedClient(false, List.of(
        LoadChunk.newBuilder().setName("vals").addAllValues(List.of(2L, 4L, 6L)).build(),
        LoadChunk.newBuilder().addAllValues(List.of(8L, 1L << 40)).build()));
    assertEquals(5, fromValues.getCount());

    SieveGrpcClient sieve = server.grpc().sieve;
    ContainsResponse present = sieve.contains(ContainsRequest.newBuilder().setSet(numbers("odd"))
        .addAllNumbers(List.of(1L, 2L, 7L, 4294967297L, Long.MAX_VALUE)).build()).await();
    assertEquals(List.of(true, false, true, true, false), present.getPresentList());

    RangeResponse range = sieve.range(RangeRequest.newBuilder().setSet("odd").setFrom(3).setTo(9).setLimit(3).build()).await();
    assertEquals(5, range.getCount()); // 3, 5, 6, 7, 8
    assertEquals(List.of(3L, 5L, 6L), range.getNumbersList());
    assertEquals(6L, range.getNext());
    RangeResponse rest = sieve.range(RangeRequest.newBuilder().setSet("odd").setFrom(3).setAfter(6).build()).await();
    assertEquals(List.of(7L, 8L, 9L, 4294967297L), rest.getNumbersList());
    assertFalse(rest.hasNext());

    SetStats combined = sieve.combine(CombineRequest.newBuilder().setName("both").setOp("or")
        .addAllSets(List.of("odd", "vals")).build()).await();
    assertEquals(11, combined.getCount()); // 6 and 8 in both
    assertEquals("Roaring64", combined.getType());
    SetStats and = sieve.combine(CombineRequest.newBuilder().setName("both").setOp("and")
        .addAllSets(List.of("odd", "vals")).build()).await();
    assertEquals(2, and.getCount()); // 6 and 8
    assertTrue(and.getVersion() > combined.getVersion());
  }

  @Test
  void refusesDotSegmentsAsNewSetNames() {
    server.grpc().loadWithGeneratedClient(false, List.of(lines("odd", "1\n3")));
    SieveGrpcClient sieve = server.grpc().sieve;
    for (String name : List.of(".", "..")) {
      var refused = server.grpc().call(SieveGrpcClient.Combine,
          CombineRequest.newBuilder().setName(name).setOp("or").addSets("odd").build(), null);
      assertEquals(io.vertx.grpc.common.GrpcStatus.INVALID_ARGUMENT, refused.status());
      assertTrue(refused.message().startsWith("invalid set name: " + name + " (. and .. are path segments"), refused.message());
    }
    // names with dots in them are fine
    assertEquals(2, sieve.combine(CombineRequest.newBuilder().setName("...").setOp("or").addSets("odd").build()).await().getCount());
  }

  @Test
  void listsDeletesAndReportsMemory() {
    server.grpc().loadWithGeneratedClient(true, List.of(lines("gone", "x\ny")));
    server.grpc().loadWithGeneratedClient(false, List.of(lines("gone", "1")));
    SieveGrpcClient sieve = server.grpc().sieve;
    ListSetsResponse both = sieve.listSets(ListSetsRequest.getDefaultInstance()).await();
    assertTrue(both.getSetsList().stream().anyMatch(s -> s.getSet().equals(words("gone"))));
    assertTrue(both.getSetsList().stream().anyMatch(s -> s.getSet().equals(numbers("gone"))));
    ListSetsResponse wordsOnly = sieve.listSets(ListSetsRequest.newBuilder().setKind(Kind.WORDS).build()).await();
    assertTrue(wordsOnly.getSetsList().stream().allMatch(s -> s.getSet().getKind() == Kind.WORDS));

    MemoryReport memory = sieve.memory(MemoryRequest.getDefaultInstance()).await();
    assertTrue(memory.getHeapUsed() > 0);
    assertTrue(memory.getStructuresList().stream().anyMatch(s -> s.getSet().equals(words("gone"))));

    assertEquals(DeleteResponse.getDefaultInstance(), sieve.delete(words("gone")).await());
    var again = server.grpc().call(SieveGrpcClient.Delete, words("gone"), null);
    assertEquals(GrpcStatus.NOT_FOUND, again.status());
    assertEquals("no word set named gone", again.message());
    // the number set of the same name is another set
    assertEquals(1, sieve.stats(numbers("gone")).await().getCount());
  }

  @Test
  void badLineIsInvalidArgumentWithItsLineAndKeepsTheOldVersion() {
    server.grpc().loadWithGeneratedClient(false, List.of(lines("keep", "1\n2")));
    long version = server.grpc().sieve.stats(numbers("keep")).await().getVersion();
    var refused = server.grpc().stream(SieveGrpcClient.LoadNumbers,
        List.of(lines("keep", "1\n2\n3"), more("\n4\n1"), more("2x\n5\n")).iterator(), null);
    assertEquals(GrpcStatus.INVALID_ARGUMENT, refused.status());
    assertTrue(refused.message().startsWith("line 5: "), refused.message());
    assertTrue(refused.message().contains("12x"), refused.message());
    assertEquals("5", refused.trailers().get(GrpcErrors.LINE_TRAILER));
    assertEquals(version, server.grpc().sieve.stats(numbers("keep")).await().getVersion());

    var words = server.grpc().stream(SieveGrpcClient.LoadWords, List.of(LoadChunk.newBuilder().setName("w")
        .setLines(ByteString.copyFrom(new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'})).build()).iterator(), null);
    assertEquals(GrpcStatus.INVALID_ARGUMENT, words.status());
    assertTrue(words.message().startsWith("line 2: "), words.message());
  }

  @Test
  void skipOnErrorReportsTheSkippedLines() {
    LoadSummary summary = server.grpc().loadWithGeneratedClient(false, List.of(
        LoadChunk.newBuilder().setName("skips").setOnError(OnError.SKIP)
            .setLines(ByteString.copyFromUtf8("1\nx\n3\n-\n5\n")).build()));
    assertEquals(3, summary.getCount());
    assertEquals(2, summary.getSkipped());
    assertEquals(List.of(2L, 4L), summary.getFirstSkippedLinesList());
  }

  @Test
  void badArgumentsAreInvalidArgument() {
    server.grpc().loadWithGeneratedClient(true, List.of(lines("args", "a")));
    server.grpc().loadWithGeneratedClient(false, List.of(lines("args", "1")));
    List<Outcome<?>> refused = List.of(
        server.grpc().call(SieveGrpcClient.Stats, SetRef.newBuilder().setName("args").build(), null),
        server.grpc().call(SieveGrpcClient.Stats, words("bad name"), null),
        server.grpc().call(SieveGrpcClient.Prefix, PrefixRequest.newBuilder().setSet("args").setLimit(10_001).build(), null),
        server.grpc().call(SieveGrpcClient.Contains, ContainsRequest.newBuilder().setSet(numbers("args"))
            .addNumbers(-1L).build(), null), // 2^64-1 on the wire
        server.grpc().call(SieveGrpcClient.Contains, ContainsRequest.newBuilder().setSet(words("args"))
            .addNumbers(1).build(), null),
        server.grpc().call(SieveGrpcClient.Range, RangeRequest.newBuilder().setSet("args").setFrom(-5).build(), null),
        server.grpc().call(SieveGrpcClient.Combine, CombineRequest.newBuilder().setName("c").setOp("nand")
            .addSets("args").build(), null),
        server.grpc().call(SieveGrpcClient.Combine, CombineRequest.newBuilder().setName("c").setOp("or").build(), null),
        server.grpc().stream(SieveGrpcClient.LoadWords, List.of(LoadChunk.newBuilder().setName("v").addValues(1).build()).iterator(), null),
        server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(lines("mix", "1\n"),
            LoadChunk.newBuilder().addValues(2).build()).iterator(), null),
        server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(more("1\n")).iterator(), null),
        server.grpc().stream(SieveGrpcClient.LoadNumbers, List.<LoadChunk>of().iterator(), null),
        server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(LoadChunk.newBuilder().setName("big")
            .addValues(-1L).build()).iterator(), null));
    for (Outcome<?> outcome : refused) {
      assertEquals(GrpcStatus.INVALID_ARGUMENT, outcome.status(), outcome.message());
    }
    assertEquals("line 1: ", refused.get(refused.size() - 1).message().substring(0, 8));
    assertFalse(server.grpc().sieve.listSets(ListSetsRequest.getDefaultInstance()).await().getSetsList().stream()
        .anyMatch(s -> List.of("v", "mix", "big", "c").contains(s.getSet().getName())));
  }

  @Test
  void unknownSetsAreNotFound() {
    server.grpc().loadWithGeneratedClient(false, List.of(lines("here", "1")));
    List<Outcome<?>> missing = List.of(
        server.grpc().call(SieveGrpcClient.Contains, ContainsRequest.newBuilder().setSet(words("nowhere")).addWords("a").build(), null),
        server.grpc().call(SieveGrpcClient.Contains, ContainsRequest.newBuilder().setSet(numbers("nowhere")).addNumbers(1).build(), null),
        server.grpc().call(SieveGrpcClient.Prefix, PrefixRequest.newBuilder().setSet("nowhere").build(), null),
        server.grpc().call(SieveGrpcClient.Range, RangeRequest.newBuilder().setSet("nowhere").build(), null),
        server.grpc().call(SieveGrpcClient.Stats, numbers("nowhere"), null),
        server.grpc().call(SieveGrpcClient.Delete, numbers("nowhere"), null),
        server.grpc().call(SieveGrpcClient.Combine, CombineRequest.newBuilder().setName("x").setOp("and")
            .addAllSets(List.of("here", "nowhere")).build(), null));
    for (Outcome<?> outcome : missing) {
      assertEquals(GrpcStatus.NOT_FOUND, outcome.status(), outcome.message());
    }
    assertEquals("no number set named nowhere", missing.get(missing.size() - 1).message());
  }

  @Test
  void batchesOfTheHttpLimitAreAnsweredAndLargerOnesRefused() {
    server.grpc().loadWithGeneratedClient(false, List.of(lines("batch", "0-99999")));
    ContainsRequest.Builder full = ContainsRequest.newBuilder().setSet(numbers("batch"));
    for (long i = 0; i < 100_000; i++) {
      full.addNumbers(i * 2);
    }
    ContainsResponse answer = server.grpc().sieve.contains(full.build()).await();
    assertEquals(100_000, answer.getPresentCount());
    assertTrue(answer.getPresent(49_999));
    assertFalse(answer.getPresent(50_000));
    var tooMany = server.grpc().call(SieveGrpcClient.Contains, full.addNumbers(1).build(), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, tooMany.status());
    assertTrue(tooMany.message().startsWith("at most 100000 numbers"), tooMany.message());
    assertEquals("too_large", tooMany.trailers().get("sieve-error-code"));
  }

  /**
   * The bytes of an Export, through the generated client. The call starts on a Vert.x context, so
   * the handlers are set as the answer's headers arrive, before any chunk: started from the test
   * thread, the stream could deliver its chunks and its end before they were set, and hang.
   */
  static byte[] export(SieveServerExtension server, String set) {
    Promise<byte[]> all = Promise.promise();
    server.vertx().runOnContext(v -> server.grpc().sieve.export(ExportRequest.newBuilder().setSet(set).build()).onComplete(ar -> {
      if (ar.failed()) {
        all.tryFail(ar.cause());
        return;
      }
      ByteString[] bytes = {ByteString.EMPTY};
      ar.result().handler(chunk -> bytes[0] = bytes[0].concat(chunk.getData()));
      ar.result().endHandler(end -> all.tryComplete(bytes[0].toByteArray()));
      ar.result().exceptionHandler(all::tryFail);
    }));
    return all.future().await();
  }

  @Test
  void exportsAndLoadsRoaringBytes() {
    Random random = new Random(5);
    List<LoadChunk> chunks = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      LoadChunk.Builder chunk = LoadChunk.newBuilder().setName("wide");
      for (int i = 0; i < 50_000; i++) {
        chunk.addValues(random.nextInt(Integer.MAX_VALUE));
      }
      chunks.add(chunk.build());
    }
    chunks.add(LoadChunk.newBuilder().addValues(1L << 40).build());
    long count = server.grpc().loadWithGeneratedClient(false, chunks).getCount();
    byte[] bytes = export(server, "wide"); // two messages or more
    assertTrue(bytes.length > SieveRpc.EXPORT_CHUNK_BYTES, "export of " + bytes.length + " bytes");

    List<RoaringChunk> upload = new ArrayList<>();
    for (int off = 0; off < bytes.length; off += 300_000) {
      RoaringChunk.Builder chunk = RoaringChunk.newBuilder()
          .setData(ByteString.copyFrom(bytes, off, Math.min(300_000, bytes.length - off)));
      upload.add(off == 0 ? chunk.setName("copy").build() : chunk.build());
    }
    LoadSummary copy = server.grpc().stream(SieveGrpcClient.LoadRoaring, upload.iterator(), null).ok();
    assertEquals(count, copy.getCount());
    assertEquals(Kind.NUMBERS, copy.getKind());
    assertTrue(java.util.Arrays.equals(bytes, export(server, "copy")));
    assertEquals(List.of(true), server.grpc().sieve.contains(ContainsRequest.newBuilder().setSet(numbers("copy"))
        .addNumbers(1L << 40).build()).await().getPresentList());

    var corrupt = server.grpc().stream(SieveGrpcClient.LoadRoaring, List.of(RoaringChunk.newBuilder().setName("copy")
        .setData(ByteString.copyFrom(bytes, 0, 1000)).build()).iterator(), null);
    assertEquals(GrpcStatus.INVALID_ARGUMENT, corrupt.status(), corrupt.message());
    assertEquals(copy.getVersion(), server.grpc().sieve.stats(numbers("copy")).await().getVersion());
    assertEquals(GrpcStatus.NOT_FOUND, server.grpc().call(SieveGrpcClient.Export,
        ExportRequest.newBuilder().setSet("nowhere").build(), null).status());
  }

  @Test
  void breaksDownWhereTheBytesGo() {
    server.grpc().loadWithGeneratedClient(true, List.of(lines("parts", "alpha\nbeta\ngamma\n")));
    server.grpc().loadWithGeneratedClient(false, List.of(lines("parts", "1\n5-100000\n")));
    MemoryBreakdown words = server.grpc().sieve.memoryOf(words("parts")).await();
    assertEquals(3, words.getSet().getCount());
    assertEquals(words.getSet().getBytes(), words.getPartsList().stream().mapToLong(MemoryPart::getBytes).sum());
    assertFalse(words.getParts(0).hasCount());
    MemoryBreakdown numbers = server.grpc().sieve.memoryOf(numbers("parts")).await();
    assertEquals(99_997, numbers.getSet().getCount());
    assertTrue(numbers.getPartsList().stream().anyMatch(p -> p.getPart().equals("run") && p.getValues() == 99_997));
    assertEquals(GrpcStatus.NOT_FOUND, server.grpc().call(SieveGrpcClient.MemoryOf, words("nowhere"), null).status());
    // a single node: no cluster, said as GET /v1/cluster says it
    dev.sieve.proto.ClusterState single = server.grpc().call(SieveGrpcClient.Cluster,
        dev.sieve.proto.ClusterRequest.getDefaultInstance(), null).ok();
    assertEquals(false, single.getEnabled());
    assertEquals(0, single.getMembersCount() + single.getSetsCount());
    assertEquals(false, server.http().json("/v1/cluster").getBoolean("enabled"));
  }

  @Test
  void httpStillAnswersOnTheSamePort() throws Exception {
    server.grpc().loadWithGeneratedClient(true, List.of(lines("shared", "hello\n")));
    var answer = server.http().get("/v1/words/shared/contains?word=hello");
    assertEquals(200, answer.status());
    assertTrue(answer.body().contains("\"present\":true"), answer.body());
  }
}
