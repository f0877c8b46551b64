package dev.sieve.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Autocomplete: each user picks a word of the set and types it letter by letter, asking for the
 * first 10 completions after every key (one code point at a time, up to 8), with 50 to 150 ms
 * between keys (set {@code sieve.typingMs=0} for none). Every answer must count at least one word:
 * each prefix is a member's.
 */
public class PrefixSimulation extends Simulation {
  static final int MAX_TYPED = 8;
  static final long TYPING_MS = Long.parseLong(System.getProperty("sieve.typingMs", "100"));

  final List<Map<String, Object>> typed = prefixes(SieveTarget.memberWords(200));

  /** Feeder records {@code prefixes}: the successive prefixes of a word as typed. */
  static List<Map<String, Object>> prefixes(List<String> words) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (String word : words) {
      List<String> prefixes = new ArrayList<>();
      int[] cps = word.codePoints().toArray();
      for (int i = 1; i <= Math.min(cps.length, MAX_TYPED); i++) {
        prefixes.add(new String(cps, 0, i));
      }
      Map<String, Object> record = new HashMap<>();
      record.put("prefixes", prefixes);
      records.add(record);
    }
    return records;
  }

  final ScenarioBuilder typing = scenario("autocomplete")
      .feed(listFeeder(typed).circular())
      .exec(foreach("#{prefixes}", "prefix").on(
          http("GET words prefix")
              .get("/v1/words/" + SieveTarget.WORDS + "/prefix")
              .queryParam("prefix", "#{prefix}")
              .queryParam("limit", 10)
              .check(status().is(200), jmesPath("count").ofInt().gt(0)),
          pause(Duration.ofMillis(TYPING_MS / 2), Duration.ofMillis(TYPING_MS * 3 / 2))));

  {
    setUp(typing.injectOpen(constantUsersPerSec(SieveTarget.RATE / 5).during(SieveTarget.SECONDS)))
        .protocols(http.baseUrl(SieveTarget.URL).acceptHeader("application/json").shareConnections())
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99.0).lt(SieveTarget.P99_MS));
  }
}
