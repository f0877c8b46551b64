package dev.sieve.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * What stored data costs a restart, and how fast acknowledged updates go. Runs the real server
 * jar in child processes:
 * <ol>
 *   <li>a full reload from text into a fresh server: {@code wamerican-insane}, 10^7 random naturals
 *       below 2^31 (seed 42) and the range 0-99999999, each PUT as lines;
 *   <li>start → {@code /ready} with an empty data directory and with that data stored (clean
 *       stops), alternately, a few times each (medians);
 *   <li>update throughput: single-word adds, one client and four, each acknowledged (journaled);
 *       1,000-word batches; contains latency (one client, a request a millisecond) idle, then while
 *       adds run (and whatever compactions the default policy finds due: by size, once the delta is
 *       a tenth of the 650k-word base's bytes; by age, after 60 s);
 *   <li>start → {@code /ready} after a {@code kill -9} with updates in the journal.
 * </ol>
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp loadtest/target/classes dev.sieve.bench.RestartBench service/target/sieve.jar
 * </pre>
 * Args: jar [words file, default /usr/share/dict/american-english-insane] [runs, default 3].
 * Not a test: timings depend on the machine. Results go to stdout.
 */
public final class RestartBench {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private final Path jar;
  private final Path work;

  private RestartBench(Path jar, Path work) {
    this.jar = jar;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "service/target/sieve.jar");
    Path words = Path.of(args.length > 1 ? args[1] : "/usr/share/dict/american-english-insane");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path work = Files.createTempDirectory("sieve-restart-bench");
    try {
      new RestartBench(jar, work).run(words, runs);
    } finally {
      try (Stream<Path> all = Files.walk(work)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(Path words, int runs) throws Exception {
    Path numbers = work.resolve("numbers.txt");
    SplittableRandom rnd = new SplittableRandom(42);
    try (BufferedWriter out = Files.newBufferedWriter(numbers, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < 10_000_000; i++) {
        out.write(Integer.toString(rnd.nextInt(Integer.MAX_VALUE)));
        out.write('\n');
      }
    }
    System.out.printf("java %s, %d cores%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

    Path data = Files.createDirectory(work.resolve("data"));
    long reload;
    long emptyStart;
    try (Server s = Server.start(jar, data)) {
      emptyStart = s.readyMillis;
      long t = System.nanoTime();
      s.put("/v1/words/insane", words);
      long tw = System.nanoTime();
      s.put("/v1/numbers/random", numbers);
      long tn = System.nanoTime();
      s.put("/v1/numbers/range", "0-99999999\n");
      long tr = System.nanoTime();
      reload = (tr - t) / 1_000_000;
      System.out.printf("full reload from text (3 PUTs, each built and snapshotted): %d ms (words %d, numbers %d, range %d)%n",
          reload, (tw - t) / 1_000_000, (tn - tw) / 1_000_000, (tr - tn) / 1_000_000);
    }
    long sizes = 0;
    try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
      for (Path f : files.toList()) {
        sizes += Files.size(f);
      }
    }
    System.out.printf("snapshot files: %,d bytes%n", sizes);

    // empty and stored starts alternate, so that the load of a shared machine hits both alike
    long[] empty = new long[runs];
    long[] stored = new long[runs];
    for (int i = 0; i < runs; i++) {
      Path dir = Files.createDirectory(work.resolve("empty" + i));
      try (Server s = Server.start(jar, dir)) {
        empty[i] = s.readyMillis;
      }
      try (Server s = Server.start(jar, data)) {
        stored[i] = s.readyMillis;
        System.out.println("  server said: " + s.restoreLine());
      }
    }
    long withData = median(stored);
    System.out.printf("start -> /ready, empty data dir:            %s ms (median %d)%n", Arrays.toString(empty), median(empty));
    System.out.printf("start -> /ready, data stored (clean stop):  %s ms (median %d)%n", Arrays.toString(stored), withData);
    long added = withData - median(empty);
    System.out.printf("data adds %d ms to the restart; a full reload costs %d ms start + %d ms loading: %.0fx%n",
        added, emptyStart, reload, (double) (emptyStart + reload) / Math.max(1, withData));

    updates(data);
    try (Server s = Server.start(jar, data)) {
      System.out.printf("start -> /ready after kill -9 (recovery, journal replay): %d ms%n", s.readyMillis);
      System.out.println("  server said: " + s.restoreLine());
    }
  }

  /** Update throughput, and read latency idle and while updates and compactions run; ends with a kill -9. */
  private void updates(Path data) throws Exception {
    Server s = Server.start(jar, data);
    try {
      int n = 3000;
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        s.post("/v1/words/insane/add", "single" + i + "\n");
      }
      double one = n / ((System.nanoTime() - t) / 1e9);
      int threads = 4;
      t = System.nanoTime();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int id = w;
        Thread writer = new Thread(() -> {
          for (int i = 0; i < n / threads; i++) {
            try {
              s.post("/v1/words/insane/add", "multi" + id + "-" + i + "\n");
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          }
        });
        writer.start();
        writers.add(writer);
      }
      for (Thread writer : writers) {
        writer.join();
      }
      double four = n / ((System.nanoTime() - t) / 1e9);
      int batches = 100;
      t = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
          body.append("batch").append(b).append('-').append(i).append('\n');
        }
        s.post("/v1/words/insane/add", body.toString());
      }
      double batched = batches * 1000 / ((System.nanoTime() - t) / 1e9);
      System.out.printf("acknowledged single-word adds: %.0f/s (1 client), %.0f/s (%d clients); in 1,000-word batches: %.0f words/s%n",
          one, four, threads, batched);

      long[] idle = reads(s, () -> sleep(3000));
      System.out.printf("contains latency, idle:                        %s%n", summary(idle));
      long[] busy = reads(s, () -> {
        for (int i = 0; i < 2000; i++) {
          s.post("/v1/words/insane/add", "during" + i + "\n");
        }
      });
      System.out.printf("contains latency, during 2,000 adds:            %s%n", summary(busy));
      System.out.println("  " + s.get("/v1/words/insane").replaceAll(".*(\"delta\":\\{[^}]*\\}).*", "$1"));
      // Acknowledged updates not yet compacted, then a crash: the restart replays them.
      for (int i = 0; i < 200; i++) {
        s.post("/v1/words/insane/add", "late" + i + "\n");
      }
    } finally {
      s.kill();
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static void sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
  }

  /** Latencies (ns, sorted) of one client's contains requests while {@code work} runs. */
  private static long[] reads(Server s, Work work) throws Exception {
    AtomicBoolean reading = new AtomicBoolean(true);
    List<Long> latencies = new ArrayList<>();
    Thread reader = new Thread(() -> {
      SplittableRandom r = new SplittableRandom(7);
      while (reading.get()) {
        long t = System.nanoTime();
        try {
          s.get("/v1/words/insane/contains?word=word" + r.nextInt(1000));
        } catch (Exception e) {
          return;
        }
        latencies.add(System.nanoTime() - t);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    reader.start();
    try {
      work.run();
    } finally {
      reading.set(false);
      reader.join();
    }
    return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static String summary(long[] lat) {
    return String.format("p50 %.2f ms, p99 %.2f ms, max %.1f ms over %d reads",
        lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6, lat[lat.length - 1] / 1e6, lat.length);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The server jar in a child JVM on a free port. */
  private static final class Server implements AutoCloseable {
    final Process process;
    final int port;
    final long readyMillis;
    final Path log;

    private Server(Process process, int port, long readyMillis, Path log) {
      this.process = process;
      this.port = port;
      this.readyMillis = readyMillis;
      this.log = log;
    }

    static Server start(Path jar, Path data) throws Exception {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      Path log = Files.createTempFile("sieve-bench", ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--port", String.valueOf(port), "--no-demo",
          "--data-dir", data.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
      while (true) {
        if (!p.isAlive()) {
          throw new IllegalStateException("server died: " + Files.readString(log));
        }
        try {
          if (CLIENT.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(2);
      }
      return new Server(p, port, (System.nanoTime() - t0) / 1_000_000, log);
    }

    String restoreLine() throws IOException {
      return Files.readAllLines(log).stream().filter(l -> l.contains("restored")).findFirst().orElse("?")
          .replaceFirst("^INFO: ", "");
    }

    String get(String path) throws Exception {
      return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }

    void put(String path, Path file) throws Exception {
      check(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofMinutes(10)).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    void put(String path, String body) throws Exception {
      check(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    void post(String path, String body) throws Exception {
      check(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void check(HttpResponse<String> r) {
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.statusCode() + " " + r.body());
      }
    }

    void kill() throws InterruptedException, IOException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }
}
