package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sieve.proto.FuzzyMatch;
import dev.sieve.proto.FuzzyRequest;
import dev.sieve.proto.FuzzyResponse;
import dev.sieve.proto.FuzzyResult;
import dev.sieve.proto.MatchRequest;
import dev.sieve.proto.MatchResponse;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.GrpcTestClient.Outcome;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gRPC {@code Fuzzy} and {@code Match}: the same answers and errors as the HTTP face. */
class GrpcSearchTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @BeforeAll
  static void load() {
    assertEquals(200, server.http().put("/v1/words/g", "word\nwork\nworm\nsword\nwrod\nlord\ncat\ncot\n").status());
  }

  @Test
  void fuzzyAgreesWithHttp() {
    FuzzyResponse r = server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("g")
        .addWords("word").addWords("wrod").setTranspositions(true).setLimit(2).build(), null).ok();
    assertEquals(2, r.getResultsCount());
    FuzzyResult word = r.getResults(0);
    assertEquals("word", word.getWord());
    assertEquals(1, word.getDistance());
    assertEquals(6, word.getCount());
    assertEquals(List.of(match("word", 0), match("lord", 1)), word.getMatchesList());
    assertEquals("lord", word.getNext());
    FuzzyResult wrod = r.getResults(1);
    assertEquals(List.of(match("wrod", 0), match("word", 1)), wrod.getMatchesList());
    assertFalse(wrod.hasNext());

    FuzzyResult next = server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("g")
        .addWords("word").setTranspositions(true).setAfter("lord").setLimit(2).build(), null).ok().getResults(0);
    JsonObject http = server.http().get("/v1/words/g/fuzzy?word=word&transpositions=true&after=lord&limit=2").json();
    assertEquals(http.getJsonArray("matches").getJsonObject(0).getString("word"), next.getMatches(0).getWord());
    assertEquals(http.getString("next"), next.getNext());

    FuzzyResult exact = server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("g")
        .addWords("word").setDistance(0).build(), null).ok().getResults(0);
    assertEquals(List.of(match("word", 0)), exact.getMatchesList());
    assertEquals(0, exact.getDistance());
  }

  @Test
  void matchAgreesWithHttp() {
    MatchResponse r = server.grpc().call(SieveGrpcClient.Match,
        MatchRequest.newBuilder().setSet("g").setPattern("*or?").setLimit(2).build(), null).ok();
    assertEquals("*or?", r.getPattern());
    assertEquals(5, r.getCount());
    assertEquals(List.of("lord", "sword"), r.getWordsList());
    assertEquals("sword", r.getNext());
    MatchResponse rest = server.grpc().call(SieveGrpcClient.Match,
        MatchRequest.newBuilder().setSet("g").setPattern("*or?").setAfter("sword").build(), null).ok();
    assertEquals(List.of("word", "work", "worm"), rest.getWordsList());
    assertFalse(rest.hasNext());
  }

  @Test
  void errors() {
    assertStatus(GrpcStatus.INVALID_ARGUMENT, "distance must be 0..2: 3",
        server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("g").addWords("x").setDistance(3).build(), null));
    assertStatus(GrpcStatus.INVALID_ARGUMENT, "expected 1..1000 words, got 0",
        server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("g").build(), null));
    assertStatus(GrpcStatus.INVALID_ARGUMENT, "after pages the matches of one word",
        server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("g").addWords("a").addWords("b")
            .setAfter("a").build(), null));
    assertStatus(GrpcStatus.NOT_FOUND, "",
        server.grpc().call(SieveGrpcClient.Fuzzy, FuzzyRequest.newBuilder().setSet("nowhere").addWords("x").build(), null));
    assertStatus(GrpcStatus.INVALID_ARGUMENT, "malformed pattern: the class is empty (write \\] for a ]) at code point 2",
        server.grpc().call(SieveGrpcClient.Match, MatchRequest.newBuilder().setSet("g").setPattern("a[]").build(), null));
    assertStatus(GrpcStatus.INVALID_ARGUMENT, "limit must be an integer 1..10000: 10001",
        server.grpc().call(SieveGrpcClient.Match, MatchRequest.newBuilder().setSet("g").setPattern("a").setLimit(10_001).build(), null));
  }

  private static void assertStatus(GrpcStatus status, String startOfMessage, Outcome<?> outcome) {
    assertEquals(status, outcome.status(), outcome.message());
    assertEquals(true, outcome.message().startsWith(startOfMessage), outcome.message());
  }

  private static FuzzyMatch match(String word, int distance) {
    return FuzzyMatch.newBuilder().setWord(word).setDistance(distance).build();
  }
}
