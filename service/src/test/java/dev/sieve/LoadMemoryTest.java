package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The load memory budget for real: a server in a child JVM with a small heap and a smaller budget
 * takes several concurrent uploads of random unsorted words (generated as they are sent) and one
 * that can never fit. Every answer is a 200, a 503 with Retry-After or a 413, each refusal says
 * what to do, /health answers all along, nothing runs out of memory, and a refused set keeps its
 * previous version.
 */
class LoadMemoryTest {
  static final String BUDGET = "64m";
  static final int CONCURRENT = 5;
  /** Each concurrent upload: about 45 MiB at its peak, so one fits the budget and two do not. */
  static final long SMALL_BYTES = 2_500_000;
  /** Needs about 700 MiB: never fits, refused after a few MiB. */
  static final long HUGE_BYTES = 40_000_000;
  /**
   * How long a /health answer may take before the server counts as deaf. Generous on purpose: this
   * asserts that it answers, not how fast (CI machines are shared; before the budget a server out
   * of memory gave no answer at all for minutes).
   */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(20);

  /** Random lowercase words, 4 to 16 letters a line, {@code total} bytes, made as they are read. */
  static final class RandomWords extends InputStream {
    private final SplittableRandom random;
    private final long total;
    private long sent;

    RandomWords(long seed, long total) {
      this.random = new SplittableRandom(seed);
      this.total = total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (sent >= total) {
        return -1;
      }
      int n = (int) Math.min(len, total - sent);
      for (int i = 0; i < n; i++) {
        // about one line end in 10 bytes: words of 1 to 19 letters, mostly distinct
        b[off + i] = random.nextInt(10) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
      }
      sent += n;
      return n;
    }
  }

  record Answer(int status, Map<String, String> headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * A PUT over a raw socket, the body sent chunked from its own thread while this one waits for
   * the answer: a server may answer (and cut the upload) long before the body ends, which
   * java.net.http would report as a broken connection rather than as the answer.
   */
  static Answer put(int port, String path, InputStream body) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread writer = new Thread(() -> {
        byte[] chunk = new byte[64 << 10];
        try {
          int n;
          while ((n = body.read(chunk, 0, chunk.length)) > 0) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException cut) {
          // the server answered and closed the connection: the answer is read below
        }
      });
      writer.setDaemon(true);
      writer.start();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String status = line(in);
      Map<String, String> headers = new HashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      byte[] content = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
      return new Answer(Integer.parseInt(status.split(" ")[1]), headers, new String(content, StandardCharsets.UTF_8));
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void concurrentLargeUnsortedUploadsAreBuiltOrRefusedClearlyAndTheServerStaysHealthy() throws Exception {
    try (ChildServer server = ChildServer.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), Map.of("SIEVE_LOAD_MEMORY", BUDGET),
        "--port", "0", "--no-demo")) {
      int port = server.awaitPort();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      // previous versions, which a refused load must leave serving
      for (int i = 0; i < CONCURRENT; i++) {
        Answer old = put(port, "/v1/words/r" + i, new java.io.ByteArrayInputStream("old\nversion\nhere\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(200, old.status(), old.body());
      }
      put(port, "/v1/words/huge", new java.io.ByteArrayInputStream("kept\n".getBytes(StandardCharsets.US_ASCII)));

      AtomicBoolean uploading = new AtomicBoolean(true);
      List<String> healthProblems = new CopyOnWriteArrayList<>();
      long[] healthChecks = {0};
      Thread health = new Thread(() -> {
        while (uploading.get()) {
          try {
            HttpResponse<String> h = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(HEALTH_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (h.statusCode() != 200) {
              healthProblems.add("status " + h.statusCode());
            }
            healthChecks[0]++;
            Thread.sleep(50);
          } catch (Exception e) {
            healthProblems.add(e.toString());
          }
        }
      });
      health.start();

      ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT + 1);
      List<Future<Answer>> small = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        String path = "/v1/words/r" + i;
        long seed = i;
        small.add(pool.submit(() -> put(port, path, new RandomWords(seed, SMALL_BYTES))));
      }
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> f : small) {
        answers.add(f.get(2, TimeUnit.MINUTES));
      }
      // Alone, so that its first refused growth already passes the whole budget: beside other
      // loads it could be refused earlier, with a 503 (what it needs so far would fit later).
      RandomWords hugeBody = new RandomWords(99, HUGE_BYTES);
      Answer tooLarge = pool.submit(() -> put(port, "/v1/words/huge", hugeBody)).get(2, TimeUnit.MINUTES);
      pool.shutdown();
      uploading.set(false);
      health.join();

      assertEquals(List.of(), healthProblems, "/health must answer 200 throughout");
      assertTrue(healthChecks[0] > 0);
      assertEquals(413, tooLarge.status(), tooLarge.body());
      assertTrue(tooLarge.json().getString("error").contains("raise --load-memory"), tooLarge.body());
      assertEquals("load_memory", tooLarge.json().getString("code"));
      assertTrue(hugeBody.sent < HUGE_BYTES, "refused before its body ended: " + hugeBody.sent + " bytes sent");
      int refused = 0;
      for (int i = 0; i < CONCURRENT; i++) {
        Answer a = answers.get(i);
        long count = get(client, port, "/v1/words/r" + i).getLong("count");
        if (a.status() == 200) {
          assertEquals(a.json().getLong("count"), count);
          assertTrue(count > 100_000, "the new version is in: " + count);
        } else {
          refused++;
          assertEquals(503, a.status(), a.body());
          assertEquals("5", a.headers().get("retry-after"), a.headers().toString());
          assertTrue(a.json().getString("error").contains("retry later"), a.body());
          assertEquals("busy", a.json().getString("code"));
          assertEquals(3, count, "a refused load leaves the previous version of r" + i);
        }
      }
      assertTrue(refused > 0, "five loads of about 45 MiB each cannot all fit 64 MiB at once");
      assertEquals(1, get(client, port, "/v1/words/huge").getLong("count"));

      // every byte came back, and a load alone fits
      JsonObject memory = get(client, port, "/v1/loads").getJsonObject("memory");
      assertEquals(64L << 20, memory.getLong("limit"));
      assertEquals(0L, memory.getLong("reserved"));
      assertTrue(memory.getLong("refusedBusy") >= refused && memory.getLong("refusedTooLarge") >= 1, memory.encode());
      Answer alone = put(port, "/v1/words/r0", new RandomWords(0, SMALL_BYTES));
      assertEquals(200, alone.status(), alone.body());
      assertEquals(64L << 20, get(client, port, "/v1/memory").getJsonObject("loadMemory").getLong("limit"));
      String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("sieve_load_memory_limit_bytes 6.7108864E7"), "metrics show the budget");
      assertTrue(metrics.contains("sieve_load_memory_reserved_bytes 0.0"), "metrics show what is reserved");

      // with -XX:+ExitOnOutOfMemoryError a child out of memory would have died
      assertTrue(server.process.isAlive(), "the child died");
      assertFalse(server.lines.stream().anyMatch(l -> l.contains("java.lang.OutOfMemoryError")), "the child ran out of memory");
    }
  }

  private static JsonObject get(HttpClient client, int port, String path) throws Exception {
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), path + ": " + answer.body());
    return new JsonObject(answer.body());
  }
}
