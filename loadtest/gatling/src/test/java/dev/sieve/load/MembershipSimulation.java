package dev.sieve.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Membership lookups, single and batched, on the word set and the number set at once: a
 * realistic mix of members and near misses drawn from the loaded data ({@link SieveTarget}). Each
 * single word lookup checks the answer (members present, misses absent); batches carry 100 values.
 */
public class MembershipSimulation extends Simulation {
  static final int BATCH = 100;

  final List<Map<String, Object>> words = SieveTarget.wordMix(SieveTarget.memberWords(200));
  final List<Map<String, Object>> numbers = SieveTarget.numberMix(SieveTarget.memberNumbers(5_000));

  final HttpProtocolBuilder protocol = http.baseUrl(SieveTarget.URL)
      .acceptHeader("application/json")
      .shareConnections();

  final ScenarioBuilder wordOne = scenario("word contains")
      .feed(listFeeder(words).circular())
      .exec(http("GET words contains")
          .get("/v1/words/" + SieveTarget.WORDS + "/contains")
          .queryParam("word", "#{word}")
          .check(status().is(200), jmesPath("present").ofBoolean().isEL("#{present}")));

  final ScenarioBuilder wordBatch = scenario("word contains batch")
      .exec(session -> session.set("body", batch(words, "word", session.userId())))
      .exec(http("POST words contains x" + BATCH)
          .post("/v1/words/" + SieveTarget.WORDS + "/contains")
          .header("Content-Type", "application/json")
          .body(StringBody("{\"words\":#{body}}"))
          .check(status().is(200), jmesPath("length(present)").ofInt().is(BATCH)));

  final ScenarioBuilder numberOne = scenario("number contains")
      .feed(listFeeder(numbers).circular())
      .exec(http("GET numbers contains")
          .get("/v1/numbers/" + SieveTarget.NUMBERS + "/contains")
          .queryParam("n", "#{n}")
          .check(status().is(200), jmesPath("present").ofBoolean().exists()));

  final ScenarioBuilder numberBatch = scenario("number contains batch")
      .exec(session -> session.set("body", batch(numbers, "n", session.userId())))
      .exec(http("POST numbers contains x" + BATCH)
          .post("/v1/numbers/" + SieveTarget.NUMBERS + "/contains")
          .header("Content-Type", "application/json")
          .body(StringBody("{\"numbers\":#{body}}"))
          .check(status().is(200), jmesPath("length(present)").ofInt().is(BATCH)));

  /** A JSON array of {@value #BATCH} values of {@code records}, chosen by a per-user seeded random. */
  static String batch(List<Map<String, Object>> records, String field, long userId) {
    Random random = new Random(SieveTarget.SEED + userId);
    return random.ints(BATCH, 0, records.size())
        .mapToObj(i -> records.get(i).get(field))
        .map(v -> v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v.toString())
        .collect(Collectors.joining(",", "[", "]"));
  }

  {
    setUp(
        wordOne.injectOpen(constantUsersPerSec(SieveTarget.RATE).during(SieveTarget.SECONDS)),
        wordBatch.injectOpen(constantUsersPerSec(SieveTarget.RATE / 10).during(SieveTarget.SECONDS)),
        numberOne.injectOpen(constantUsersPerSec(SieveTarget.RATE).during(SieveTarget.SECONDS)),
        numberBatch.injectOpen(constantUsersPerSec(SieveTarget.RATE / 10).during(SieveTarget.SECONDS)))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99.0).lt(SieveTarget.P99_MS));
  }
}
