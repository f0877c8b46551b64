package dev.sieve.load;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bulk loads while reads run: {@code sieve.bulkRate} PUTs a second (default 1), each replacing
 * one of {@value #SLOTS} number sets {@code gatling-bulk-N} with {@code sieve.bulkLines} random
 * numbers (default 200,000, about 1.7 MB of text), concurrently with single word lookups at
 * {@code sieve.rate}. The p99 bound applies to the reads: they must not stall behind the builds.
 * The sets are deleted after the run.
 */
public class BulkLoadSimulation extends Simulation {
  static final int SLOTS = 4;
  static final double BULK_RATE = Double.parseDouble(System.getProperty("sieve.bulkRate", "1"));
  static final int BULK_LINES = Integer.parseInt(System.getProperty("sieve.bulkLines", "200000"));

  final List<Map<String, Object>> words = SieveTarget.wordMix(SieveTarget.memberWords(200));
  final byte[] body = numbers(BULK_LINES);

  static byte[] numbers(int lines) {
    Random random = new Random(SieveTarget.SEED);
    StringBuilder text = new StringBuilder(lines * 9);
    for (int i = 0; i < lines; i++) {
      text.append(random.nextInt(100_000_000)).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  final ScenarioBuilder loads = scenario("bulk PUT")
      .exec(session -> session.set("slot", session.userId() % SLOTS))
      .exec(http("PUT numbers")
          .put("/v1/numbers/gatling-bulk-#{slot}")
          .header("Content-Type", "text/plain")
          .body(ByteArrayBody(body))
          .check(status().is(200), jmesPath("cardinality").ofInt().gt(0)));

  final ScenarioBuilder reads = scenario("reads while loading")
      .feed(listFeeder(words).circular())
      .exec(http("GET words contains")
          .get("/v1/words/" + SieveTarget.WORDS + "/contains")
          .queryParam("word", "#{word}")
          .check(status().is(200), jmesPath("present").ofBoolean().isEL("#{present}")));

  {
    setUp(
        loads.injectOpen(constantUsersPerSec(BULK_RATE).during(SieveTarget.SECONDS)),
        reads.injectOpen(constantUsersPerSec(SieveTarget.RATE).during(SieveTarget.SECONDS)))
        .protocols(http.baseUrl(SieveTarget.URL).acceptHeader("application/json"))
        .assertions(
            global().failedRequests().count().is(0L),
            details("GET words contains").responseTime().percentile(99.0).lt(SieveTarget.P99_MS));
  }

  @Override
  public void after() {
    for (int slot = 0; slot < SLOTS; slot++) {
      SieveTarget.delete("/v1/numbers/gatling-bulk-" + slot);
    }
  }
}
