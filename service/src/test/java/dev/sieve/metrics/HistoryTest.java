package dev.sieve.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ingest.Loads;
import dev.sieve.registry.Registry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link History}: rates and p99 per route over each interval, from the meters /metrics serves. */
class HistoryTest {
  final PrometheusMeterRegistry meters = SieveMetrics.newMeterRegistry();
  final AtomicLong clock = new AtomicLong();
  final History history = new History(meters, new Registry(), new Loads(), clock::get);

  Timer route(String method, String route, String code) {
    return Timer.builder(SieveMetrics.HTTP_SERVER_RESPONSE_TIME).tags("route", route, "method", method, "code", code)
        .register(meters);
  }

  @Test
  void ratesAndP99AreThoseOfTheIntervalSummedOverStatusCodes() {
    Timer ok = route("GET", "/v1/words/:name/contains", "200");
    Timer missing = route("GET", "/v1/words/:name/contains", "404");
    for (int i = 0; i < 500; i++) {
      ok.record(Duration.ofMillis(30)); // before the first sample: never in a rate
    }
    history.sample();
    assertEquals(List.of(), history.samples().get(0).routes(), "the first sample has no rates");

    for (int i = 0; i < 98; i++) {
      ok.record(Duration.ofNanos(300_000)); // 0.3 ms: bucket 0.5 ms
    }
    missing.record(Duration.ofNanos(200_000));
    missing.record(Duration.ofMillis(40)); // the 100th of 100: above the 99th
    new SieveMetrics(meters, new Registry(), new Loads(), false).grpcCall("sieve.v1.Sieve", "Contains", "OK", 2_000_000);
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    history.sample();

    List<History.RouteRate> routes = history.samples().get(1).routes();
    assertEquals(2, routes.size(), routes.toString());
    History.RouteRate contains = routes.get(0);
    assertEquals("GET /v1/words/:name/contains", contains.route());
    assertEquals(100 / 4.0, contains.perSecond(), 1e-9);
    assertEquals(0.0005, contains.p99Seconds(), 1e-12, "99 of 100 took at most 0.5 ms");
    History.RouteRate grpc = routes.get(1);
    assertEquals("gRPC sieve.v1.Sieve/Contains", grpc.route());
    assertEquals(0.25, grpc.perSecond(), 1e-9);
    assertEquals(0.0025, grpc.p99Seconds(), 1e-12);

    missing.record(Duration.ofMillis(40));
    missing.record(Duration.ofSeconds(30)); // past the last bucket
    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    history.sample();
    History.RouteRate slow = history.samples().get(2).routes().get(0);
    assertEquals(1.0, slow.perSecond(), 1e-9);
    assertEquals(10.0, slow.p99Seconds(), 1e-12, "past the last bucket: its bound");

    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    history.sample();
    assertEquals(List.of(), history.samples().get(3).routes(), "no requests, no row");
  }

  @Test
  void keepsTheLastSamplesOnly() {
    for (int i = 0; i < History.CAPACITY + 7; i++) {
      clock.addAndGet(1_000_000_000L);
      history.sample();
    }
    List<History.Sample> kept = history.samples();
    assertEquals(History.CAPACITY, kept.size());
    assertTrue(kept.get(0).rssBytes() != 0, "RSS read (or -1 where unknown)");
    assertTrue(kept.get(kept.size() - 1).heapUsedBytes() > 0);
  }

  @Test
  void p99IsTheBoundOfTheBucketHoldingIt() {
    long[] cumulative = new long[SieveMetrics.HTTP_BUCKETS.length + 1];
    cumulative[cumulative.length - 1] = 1000;
    for (int i = 3; i < SieveMetrics.HTTP_BUCKETS.length; i++) {
      cumulative[i] = i == 3 ? 989 : i == 4 ? 990 : 1000;
    }
    assertEquals(SieveMetrics.HTTP_BUCKETS[4], History.p99(cumulative), 1e-12);
  }
}
