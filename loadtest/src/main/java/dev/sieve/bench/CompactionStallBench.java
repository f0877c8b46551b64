package dev.sieve.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Do readers stall while updates land and compactions fold or merge them (issue 12's "no stall
 * over 50 ms for readers")? Runs the server jar in a child JVM with the given compaction flags,
 * loads a word list, then for {@code seconds} one reader asks {@code contains} every millisecond
 * while {@code writers} clients send single-word adds as fast as they are answered; prints the
 * reads' percentiles, how many took over 50 ms, the adds done, and what compactions did (from
 * {@code /v1/memory}).
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp loadtest/target/classes dev.sieve.bench.CompactionStallBench service/target/sieve.jar \
 *   /usr/share/dict/american-english-insane 30 2 --compact-ratio 0.01 --compact-after-seconds 5
 * </pre>
 * Args: jar, words file, seconds, writers, then flags passed to the server. Not a test.
 */
public final class CompactionStallBench {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path words = Path.of(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int writers = Integer.parseInt(args[3]);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--no-demo"));
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path data = Files.createTempDirectory("sieve-stall-bench");
    command.addAll(List.of("--port", String.valueOf(port), "--data-dir", data.toString()));
    command.addAll(List.of(args).subList(4, args.length));
    Path log = Files.createTempFile("sieve-stall-bench", ".log");
    Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String url = "http://127.0.0.1:" + port;
    try {
      while (status(url + "/ready") != 200) {
        if (!server.isAlive()) {
          throw new IllegalStateException("server died: " + Files.readString(log));
        }
        Thread.sleep(20);
      }
      HttpResponse<String> put = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v1/words/w"))
          .timeout(Duration.ofMinutes(5)).PUT(HttpRequest.BodyPublishers.ofFile(words)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() != 200) {
        throw new IllegalStateException("PUT: " + put.body());
      }
      List<String> members = Files.readAllLines(words).subList(0, 1000);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong adds = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        Thread writer = new Thread(() -> {
          for (int i = 0; running.get(); i++) {
            String body = "stall-" + id + "-" + i + "\n";
            if (post(url + "/v1/words/w/add", body) == 200) {
              adds.incrementAndGet();
            }
          }
        });
        writer.start();
        threads.add(writer);
      }
      List<Long> latencies = new ArrayList<>();
      SplittableRandom rnd = new SplittableRandom(7);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        String word = java.net.URLEncoder.encode(members.get(rnd.nextInt(members.size())), "UTF-8");
        long t = System.nanoTime();
        status(url + "/v1/words/w/contains?word=" + word);
        latencies.add(System.nanoTime() - t);
        Thread.sleep(1);
      }
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }
      long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      long over50 = latencies.stream().filter(l -> l > 50_000_000L).count();
      System.out.printf("reads %d: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, over 50 ms: %d%n", lat.length,
          lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6, lat[(int) (lat.length * 0.999)] / 1e6,
          lat[lat.length - 1] / 1e6, over50);
      System.out.printf("adds answered: %d (%.0f/s, %d writers)%n", adds.get(), adds.get() / (double) seconds, writers);
      String memory = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v1/memory")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      System.out.println("compactions: " + memory.replaceAll(".*\"compactions\":(\\{\"words\":\\{.*?\\}\\}\\}).*", "$1"));
    } finally {
      server.destroyForcibly().waitFor();
    }
  }

  private static int status(String url) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static int post(String url, String body) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
