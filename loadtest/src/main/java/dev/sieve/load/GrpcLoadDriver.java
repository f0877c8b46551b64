package dev.sieve.load;

import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ContainsResponse;
import dev.sieve.proto.Kind;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * A gRPC load driver with {@code MembershipSimulation}'s mix (no open-source Gatling gRPC plugin
 * resolves here): single {@code Contains} of a word and of a number at {@code sieve.rate} calls a
 * second each, batches of 100 of each at a tenth of that, for {@code sieve.seconds}; members and
 * near misses taken from the server ({@code Prefix} pages a..z, a {@code Range} page). It reports
 * like Gatling does: calls, failures, throughput, p50/p95/p99/max per call and overall, then fails
 * (exit code 1) on any failure or an overall p99 over {@code sieve.p99Ms}.
 *
 * <p>Open model: calls are sent on schedule (a 1 ms timer) whatever the answers, and a call sent
 * more than two ticks late is timed from when it was due, so a stall is not hidden by fewer calls
 * (no coordinated omission). Same properties as the simulations: {@code sieve.url}, {@code sieve.words}, {@code
 * sieve.numbers}, {@code sieve.rate}, {@code sieve.seconds}, {@code sieve.p99Ms}, {@code sieve.seed}.
 *
 * <pre>
 * mvn -B -q -pl loadtest -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -cp loadtest/target/classes:$(cat loadtest/target/classpath.txt) -Dsieve.url=http://localhost:8080 dev.sieve.load.GrpcLoadDriver
 * </pre>
 */
public final class GrpcLoadDriver {
  static final int BATCH = 100;
  static final long TICK_MS = 1;

  /** One kind of call: its name, its rate, how to make one, and what it measured. */
  private record Call(String name, double perSecond, java.util.function.IntFunction<Future<ContainsResponse>> send,
      Recorder latencies, AtomicLong failures, AtomicLong sent) {
    Call(String name, double perSecond, java.util.function.IntFunction<Future<ContainsResponse>> send) {
      this(name, perSecond, send, new Recorder(3), new AtomicLong(), new AtomicLong());
    }
  }

  public static void main(String[] args) throws Exception {
    URI url = URI.create(System.getProperty("sieve.url", "http://localhost:8080"));
    String words = System.getProperty("sieve.words", "en");
    String numbers = System.getProperty("sieve.numbers", "primes");
    double rate = Double.parseDouble(System.getProperty("sieve.rate", "50"));
    int seconds = Integer.parseInt(System.getProperty("sieve.seconds", "30"));
    long p99Ms = Long.parseLong(System.getProperty("sieve.p99Ms", "100"));
    long seed = Long.parseLong(System.getProperty("sieve.seed", "42"));

    Vertx vertx = Vertx.vertx();
    GrpcClient client = GrpcClient.client(vertx);
    SieveGrpcClient sieve = SieveGrpcClient.create(client,
        SocketAddress.inetSocketAddress(url.getPort() < 0 ? 80 : url.getPort(), url.getHost()));
    try {
      List<String> wordMix = wordMix(sieve, words, seed);
      List<Long> numberMix = numberMix(sieve, numbers, seed);
      SetRef wordSet = SetRef.newBuilder().setKind(Kind.WORDS).setName(words).build();
      SetRef numberSet = SetRef.newBuilder().setKind(Kind.NUMBERS).setName(numbers).build();
      Random random = new Random(seed);
      List<Call> calls = List.of(
          new Call("Contains word", rate, i -> sieve.contains(ContainsRequest.newBuilder().setSet(wordSet)
              .addWords(wordMix.get(i % wordMix.size())).build())),
          new Call("Contains words x" + BATCH, rate / 10, i -> sieve.contains(ContainsRequest.newBuilder().setSet(wordSet)
              .addAllWords(sample(wordMix, random)).build())),
          new Call("Contains number", rate, i -> sieve.contains(ContainsRequest.newBuilder().setSet(numberSet)
              .addNumbers(numberMix.get(i % numberMix.size())).build())),
          new Call("Contains numbers x" + BATCH, rate / 10, i -> sieve.contains(ContainsRequest.newBuilder().setSet(numberSet)
              .addAllNumbers(sample(numberMix, random)).build())));
      run(vertx, calls, seconds);
      boolean ok = report(calls, seconds, p99Ms);
      System.exit(ok ? 0 : 1);
    } finally {
      client.close();
      vertx.close().await();
    }
  }

  /** Sends every call on schedule for {@code seconds}, then waits up to 30 s for the answers. */
  private static void run(Vertx vertx, List<Call> calls, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong pending = new AtomicLong();
    CountDownLatch sentAll = new CountDownLatch(1);
    vertx.setPeriodic(TICK_MS, timer -> {
      long now = System.nanoTime();
      if (now >= end) {
        vertx.cancelTimer(timer);
        sentAll.countDown();
        return;
      }
      for (Call call : calls) {
        // call n is due at start + n / rate: calls 0 .. floor(rate * elapsed) are due by now
        long due = (long) (call.perSecond() * (now - start) / 1e9) + 1;
        for (long n = call.sent().get(); n < due; n = call.sent().incrementAndGet()) {
          long dueAt = start + (long) (n * 1e9 / call.perSecond());
          // a call is late by up to a tick by construction (the driver's own granularity): time it
          // from this tick then; later than that, the driver or the machine stalled: from when due
          long from = now - dueAt <= 2 * TimeUnit.MILLISECONDS.toNanos(TICK_MS) ? now : dueAt;
          pending.incrementAndGet();
          call.send().apply((int) n).onComplete(ar -> {
            if (ar.succeeded()) {
              call.latencies().recordValue(Math.max(0, System.nanoTime() - from));
            } else {
              call.failures().incrementAndGet();
            }
            pending.decrementAndGet();
          });
        }
      }
    });
    sentAll.await(seconds + 10L, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Prints the table; true if there were no failures and the overall p99 is within the bound. */
  private static boolean report(List<Call> calls, int seconds, long p99Ms) {
    Histogram all = new Histogram(3);
    long failures = 0;
    String format = "%-24s %9s %8s %9s %9s %9s %9s %9s%n";
    System.out.printf(Locale.ROOT, format, "call", "count", "KO", "rps", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (Call call : calls) {
      Histogram h = call.latencies().getIntervalHistogram();
      all.add(h);
      failures += call.failures().get();
      row(format, call.name(), h, call.failures().get(), seconds);
    }
    row(format, "all", all, failures, seconds);
    double p99 = all.getValueAtPercentile(99) / 1e6;
    boolean ok = failures == 0 && p99 < p99Ms;
    System.out.printf(Locale.ROOT, "failures: %d (expected 0); p99 %.2f ms (bound %d ms): %s%n",
        failures, p99, p99Ms, ok ? "OK" : "FAILED");
    return ok;
  }

  private static void row(String format, String name, Histogram h, long failures, int seconds) {
    System.out.printf(Locale.ROOT, format, name, h.getTotalCount(), failures,
        String.format(Locale.ROOT, "%.1f", (double) h.getTotalCount() / seconds),
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static <T> List<T> sample(List<T> from, Random random) {
    List<T> out = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      out.add(from.get(random.nextInt(from.size())));
    }
    return out;
  }

  /** Up to 200 words per letter a..z, each kept or turned into a near miss (+"qx"), shuffled. */
  static List<String> wordMix(SieveGrpcClient sieve, String set, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (char c = 'a'; c <= 'z'; c++) {
      for (String w : sieve.prefix(PrefixRequest.newBuilder().setSet(set).setPrefix(String.valueOf(c)).setLimit(200).build())
          .await().getWordsList()) {
        out.add(random.nextBoolean() ? w : w + "qx");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("word set " + set + " has no words starting with a..z");
    }
    Collections.shuffle(out, random);
    return out;
  }

  /** The first 5,000 members, each kept or turned into its successor, shuffled. */
  static List<Long> numberMix(SieveGrpcClient sieve, String set, long seed) {
    Random random = new Random(seed);
    List<Long> out = new ArrayList<>();
    for (long n : sieve.range(RangeRequest.newBuilder().setSet(set).setLimit(5_000).build()).await().getNumbersList()) {
      out.add(random.nextBoolean() ? n : n + 1);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("number set " + set + " is empty");
    }
    Collections.shuffle(out, random);
    return out;
  }
}
