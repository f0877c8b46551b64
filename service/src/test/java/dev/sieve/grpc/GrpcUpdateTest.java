package dev.sieve.grpc;

import static dev.sieve.grpc.GrpcApiTest.lines;
import static dev.sieve.grpc.GrpcApiTest.numbers;
import static dev.sieve.grpc.GrpcApiTest.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.NumberRange;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.proto.UpdateResponse;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Add and Remove through the generated client: membership, counts, errors, the token, a restart. */
class GrpcUpdateTest {
  @RegisterExtension
  final SieveServerExtension guarded = new SieveServerExtension(ServiceConfig.forTests(0).withToken(TOKEN));
  @RegisterExtension
  final SieveServerExtension limited = new SieveServerExtension(ServiceConfig.forTests(0).withLimits(1 << 20, 16));
  @RegisterExtension
  final SieveServerExtension durable = new SieveServerExtension().durable();
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  static final String TOKEN = "s3cret";

  static UpdateRequest wordUpdate(String name, String... words) {
    return UpdateRequest.newBuilder().setSet(words(name)).addAllWords(List.of(words)).build();
  }

  static NumberRange range(long first, long last) {
    return NumberRange.newBuilder().setFirst(first).setLast(last).build();
  }

  static List<Boolean> contains(SieveServerExtension server, SetRef set, List<String> words, List<Long> numbers) {
    return server.grpc().sieve.contains(ContainsRequest.newBuilder().setSet(set).addAllWords(words).addAllNumbers(numbers)
        .build()).await().getPresentList();
  }

  @Test
  void addsAndRemovesWords() {
    long version = server.grpc().loadWithGeneratedClient(true, List.of(lines("fruit", "pear\napple\n"))).getVersion();

    UpdateResponse added = server.grpc().sieve.add(wordUpdate("fruit", "kiwi", "apple", "kiwi", "fig", "élan")).await();
    assertEquals(words("fruit"), added.getSet());
    assertEquals(3, added.getChanged(), "kiwi, fig and élan are new; apple was there; kiwi twice counts once");
    assertEquals(5, added.getCount());
    assertEquals(version, added.getVersion());
    assertEquals(List.of(true, true, true, true, true, false),
        contains(server, words("fruit"), List.of("pear", "apple", "kiwi", "fig", "élan", "plum"), List.of()));
    assertEquals(5, server.grpc().sieve.stats(words("fruit")).await().getCount());

    UpdateResponse removed = server.grpc().sieve.remove(wordUpdate("fruit", "pear", "plum", "fig")).await();
    assertEquals(2, removed.getChanged());
    assertEquals(3, removed.getCount());
    assertEquals(List.of(false, true, true, false),
        contains(server, words("fruit"), List.of("pear", "apple", "kiwi", "fig"), List.of()));

    UpdateResponse nothing = server.grpc().sieve.remove(wordUpdate("fruit", "pear")).await();
    assertEquals(0, nothing.getChanged());
    assertEquals(3, nothing.getCount());
  }

  @Test
  void addsAndRemovesNumbersAndRanges() {
    server.grpc().loadWithGeneratedClient(false, List.of(lines("n", "1\n3\n")));
    long big = (1L << 40) + 5;
    UpdateResponse added = server.grpc().sieve.add(UpdateRequest.newBuilder().setSet(numbers("n"))
        .addAllNumbers(List.of(3L, 7L, big, Long.MAX_VALUE)).addRanges(range(10, 19)).addRanges(range(15, 24)).build()).await();
    assertEquals(3 + 15, added.getChanged(), "7, 2^40+5, 2^63-1 and 10..24; 3 was there");
    assertEquals(20, added.getCount());
    assertEquals(List.of(true, true, true, true, true, true, false, true),
        contains(server, numbers("n"), List.of(), List.of(1L, 3L, 7L, 10L, 24L, big, 25L, Long.MAX_VALUE)));

    UpdateResponse removed = server.grpc().sieve.remove(UpdateRequest.newBuilder().setSet(numbers("n"))
        .addNumbers(1L).addNumbers(2L).addRanges(range(12, 30)).build()).await();
    assertEquals(1 + 13, removed.getChanged());
    assertEquals(6, removed.getCount());
    assertEquals(List.of(3L, 7L, 10L, 11L),
        server.grpc().sieve.range(RangeRequest.newBuilder().setSet("n").setTo(100).build()).await().getNumbersList());
    assertEquals(6, server.grpc().sieve.stats(numbers("n")).await().getCount());
  }

  @Test
  void badUpdatesChangeNothingAndMapToStatuses() {
    limited.grpc().loadWithGeneratedClient(true, List.of(lines("w", "a\nb\n")));
    limited.grpc().loadWithGeneratedClient(false, List.of(lines("n", "1\n2\n")));

    var missing = limited.grpc().call(SieveGrpcClient.Add, wordUpdate("absent", "x"), null);
    assertEquals(GrpcStatus.NOT_FOUND, missing.status());
    assertEquals("no word set named absent", missing.message());
    var missingNumbers = limited.grpc().call(SieveGrpcClient.Remove,
        UpdateRequest.newBuilder().setSet(numbers("w")).addNumbers(1).build(), null);
    assertEquals(GrpcStatus.NOT_FOUND, missingNumbers.status());
    assertEquals("no number set named w", missingNumbers.message());

    List<UpdateRequest> invalid = List.of(
        wordUpdate("w", "c", ""),
        UpdateRequest.newBuilder().setSet(words("w")).addWords("c").addNumbers(1).build(),
        UpdateRequest.newBuilder().setSet(numbers("n")).addWords("c").build(),
        UpdateRequest.newBuilder().setSet(numbers("n")).addNumbers(5).addNumbers(-1L).build(), // 2^64-1
        UpdateRequest.newBuilder().setSet(numbers("n")).addNumbers(5).addRanges(range(9, 8)).build(),
        UpdateRequest.newBuilder().setSet(numbers("n")).addRanges(range(0, 1L << 32)).build(),
        UpdateRequest.newBuilder().setSet(numbers("n")).addRanges(range(5, -1L)).build(),
        UpdateRequest.newBuilder().setSet(SetRef.newBuilder().setName("w")).addWords("c").build(),
        UpdateRequest.newBuilder().setSet(words("bad/name")).addWords("c").build());
    for (UpdateRequest request : invalid) {
      var outcome = limited.grpc().call(SieveGrpcClient.Add, request, null);
      assertEquals(GrpcStatus.INVALID_ARGUMENT, outcome.status(), request.toString());
    }
    assertEquals("words[1] is not a non-empty string of valid Unicode",
        limited.grpc().call(SieveGrpcClient.Add, invalid.get(0), null).message());
    assertEquals("numbers[1]: 18446744073709551615 is above 2^63-1", limited.grpc().call(SieveGrpcClient.Add, invalid.get(3), null).message());
    assertEquals("ranges[0]: range start 9 is greater than its end 8", limited.grpc().call(SieveGrpcClient.Add, invalid.get(4), null).message());

    UpdateRequest.Builder tooMany = UpdateRequest.newBuilder().setSet(numbers("n"));
    for (int i = 0; i < 100_000; i++) {
      tooMany.addNumbers(i);
    }
    tooMany.addRanges(range(5, 6));
    var many = limited.grpc().call(SieveGrpcClient.Add, tooMany.build(), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, many.status());
    assertEquals("at most 100000 numbers a request, got 100001", many.message());

    var longWord = limited.grpc().call(SieveGrpcClient.Add, wordUpdate("w", "c", "x".repeat(17)), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, longWord.status());
    assertEquals("words[1] is longer than 16 bytes", longWord.message());

    assertEquals(List.of(true, true, false), contains(limited, words("w"), List.of("a", "b", "c"), List.of()));
    assertEquals(2, limited.grpc().sieve.stats(numbers("n")).await().getCount());
  }

  @Test
  void wordsOverTheUpdateBudgetAreResourceExhausted() {
    server.grpc().loadWithGeneratedClient(true, List.of(lines("w", "a\n")));
    UpdateRequest.Builder big = UpdateRequest.newBuilder().setSet(words("w"));
    String filler = "y".repeat(190);
    for (int i = 0; i < 90_000; i++) {
      big.addWords(filler + i); // about 17.6 MB of words in all, over the 16 MiB of an update
    }
    var refused = server.grpc().call(SieveGrpcClient.Add, big.build(), null);
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, refused.status());
    assertTrue(refused.message().startsWith("an update holds at most 16777216 bytes of words"), refused.message());
    assertEquals(1, server.grpc().sieve.stats(words("w")).await().getCount());
  }

  @Test
  void updatesNeedTheBearerToken() {
    guarded.grpc().stream(SieveGrpcClient.LoadWords, List.of(lines("w", "a\n")).iterator(), TOKEN).ok();
    for (String token : new String[] {null, "wrong", ""}) {
      for (var method : List.of(SieveGrpcClient.Add, SieveGrpcClient.Remove)) {
        var refused = guarded.grpc().call(method, wordUpdate("w", "a", "b"), token);
        assertEquals(GrpcStatus.UNAUTHENTICATED, refused.status(), "token " + token);
        assertEquals("missing or wrong bearer token", refused.message());
      }
    }
    assertEquals(List.of(true, false), contains(guarded, words("w"), List.of("a", "b"), List.of()));
    assertEquals(1, guarded.grpc().call(SieveGrpcClient.Add, wordUpdate("w", "b"), TOKEN).ok().getChanged());
    assertEquals(1, guarded.grpc().call(SieveGrpcClient.Remove, wordUpdate("w", "a"), TOKEN).ok().getChanged());
    assertEquals(List.of(false, true), contains(guarded, words("w"), List.of("a", "b"), List.of()));
  }

  @Test
  void updatesSurviveARestart() {
    long version;
    version = durable.grpc().loadWithGeneratedClient(true, List.of(lines("fruit", "pear\napple\n"))).getVersion();
    durable.grpc().loadWithGeneratedClient(false, List.of(lines("n", "1-10\n")));
    durable.grpc().sieve.add(wordUpdate("fruit", "kiwi", "fig")).await();
    durable.grpc().sieve.remove(wordUpdate("fruit", "pear")).await();
    durable.grpc().sieve.add(UpdateRequest.newBuilder().setSet(numbers("n")).addNumbers(1L << 40).addRanges(range(100, 199)).build()).await();
    durable.grpc().sieve.remove(UpdateRequest.newBuilder().setSet(numbers("n")).addRanges(range(1, 5)).build()).await();
    durable.restart();
    assertEquals(List.of(false, true, true, true),
        contains(durable, words("fruit"), List.of("pear", "apple", "kiwi", "fig"), List.of()));
    assertEquals(3, durable.grpc().sieve.stats(words("fruit")).await().getCount());
    assertEquals(version, durable.grpc().sieve.stats(words("fruit")).await().getVersion());
    assertEquals(List.of(false, true, true, true),
        contains(durable, numbers("n"), List.of(), List.of(5L, 6L, 150L, 1L << 40)));
    assertEquals(5 + 100 + 1, durable.grpc().sieve.stats(numbers("n")).await().getCount());
    assertTrue(durable.grpc().sieve.add(wordUpdate("fruit", "plum")).await().getChanged() == 1);
  }
}
