package dev.sieve.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Typo-tolerant lookups: words of the set with one or two random edits (insert, delete,
 * substitute or swap a code point), looked up with {@code GET .../fuzzy} at that distance,
 * transpositions on, {@code limit=10}, at {@code sieve.rate} users a second for each distance.
 * Every answer must count at least one match: the word the typo came from is within the distance.
 */
public class FuzzySimulation extends Simulation {
  final List<String> members = SieveTarget.memberWords(100);

  /** Feeder records {@code typo}: a member with {@code edits} random edits. */
  static List<Map<String, Object>> typos(List<String> words, int edits) {
    Random random = new Random(SieveTarget.SEED + edits);
    List<Map<String, Object>> records = new ArrayList<>();
    for (String word : words) {
      String typo = word;
      for (int i = 0; i < edits; i++) {
        typo = edit(random, typo);
      }
      Map<String, Object> record = new HashMap<>();
      record.put("typo", typo);
      records.add(record);
    }
    return records;
  }

  static String edit(Random random, String word) {
    List<Integer> cps = new ArrayList<>();
    word.codePoints().forEach(cps::add);
    int op = cps.size() < 2 ? 0 : random.nextInt(4);
    int at = random.nextInt(cps.size() + (op == 0 ? 1 : 0));
    switch (op) {
      case 0 -> cps.add(at, 'a' + random.nextInt(26));
      case 1 -> cps.remove(at);
      case 2 -> cps.set(at, 'a' + random.nextInt(26));
      default -> {
        int next = Math.min(at + 1, cps.size() - 1);
        int c = cps.get(at);
        cps.set(at, cps.get(next));
        cps.set(next, c);
      }
    }
    StringBuilder b = new StringBuilder();
    cps.forEach(b::appendCodePoint);
    return b.toString();
  }

  ScenarioBuilder lookups(int distance) {
    return scenario("fuzzy d" + distance)
        .feed(listFeeder(typos(members, distance)).circular())
        .exec(http("GET words fuzzy d" + distance)
            .get("/v1/words/" + SieveTarget.WORDS + "/fuzzy")
            .queryParam("word", "#{typo}")
            .queryParam("distance", distance)
            .queryParam("transpositions", true)
            .queryParam("limit", 10)
            .check(status().is(200), jmesPath("count").ofInt().gt(0)));
  }

  {
    setUp(lookups(1).injectOpen(constantUsersPerSec(SieveTarget.RATE).during(SieveTarget.SECONDS)),
        lookups(2).injectOpen(constantUsersPerSec(SieveTarget.RATE).during(SieveTarget.SECONDS)))
        .protocols(http.baseUrl(SieveTarget.URL).acceptHeader("application/json").shareConnections())
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99.0).lt(SieveTarget.P99_MS));
  }
}
