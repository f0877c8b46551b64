package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming promise: a server in a child JVM with a 256 MB heap loads a ~1 GB body of numbers
 * and ranges, generated on the fly by the test (never held in memory on either side).
 */
class LargeUploadTest {
  /** Lines of the body: multiples of 3 below 3 * LINES, about 10 bytes each. */
  static final long LINES = 100_000_000L;
  /** One range line at the end, beyond 2^32, adding RANGE_LENGTH values. */
  static final long RANGE_START = 5_000_000_000L;
  static final long RANGE_LENGTH = 1_000_000L;

  /** The body, generated as it is read. */
  static final class NumberLines extends InputStream {
    private final byte[] line = new byte[64];
    private int lineLength;
    private int linePos;
    private long next;
    private boolean rangeSent;
    long bytes;

    private boolean refill() {
      String text;
      if (next < LINES) {
        text = (next * 3) + (next % 2 == 0 ? "\n" : "\r\n");
        next++;
      } else if (!rangeSent) {
        text = RANGE_START + "-" + (RANGE_START + RANGE_LENGTH - 1) + "\n";
        rangeSent = true;
      } else {
        return false;
      }
      lineLength = 0;
      for (int i = 0; i < text.length(); i++) {
        line[lineLength++] = (byte) text.charAt(i);
      }
      linePos = 0;
      return true;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        if (linePos == lineLength && !refill()) {
          break;
        }
        int chunk = Math.min(len - n, lineLength - linePos);
        System.arraycopy(line, linePos, b, off + n, chunk);
        linePos += chunk;
        n += chunk;
      }
      bytes += n;
      return n == 0 && len > 0 ? -1 : n;
    }
  }

  @Test
  void loadsABodyFarLargerThanTheServersHeap() throws Exception {
    try (ChildServer server = ChildServer.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), Map.of(),
        "--port", "0", "--no-demo")) {
      server.awaitPort();
      HttpTestClient http = server.http();
      NumberLines body = new NumberLines();
      Answer answer = http.send(http.request("/v1/numbers/big")
          .timeout(Duration.ofMinutes(5))
          .header("Content-Type", "text/plain")
          .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body))
          .build());
      assertEquals(200, answer.status(), answer.body());
      assertTrue(body.bytes > 1_000_000_000L, "body was " + body.bytes + " bytes");
      JsonObject json = new JsonObject(answer.body());
      assertEquals(LINES + RANGE_LENGTH, json.getLong("cardinality"));

      Answer memory = http.get("/v1/memory");
      long heapMax = new JsonObject(memory.body()).getJsonObject("jvm").getLong("heapMax");
      assertTrue(heapMax <= 256L << 20, "child heap max " + heapMax);
      assertTrue(body.bytes > 3 * heapMax, "the body must dwarf the heap");
      Answer contains = http.get("/v1/numbers/big/contains?n=" + (RANGE_START + 17));
      assertTrue(new JsonObject(contains.body()).getBoolean("present"));
    }
  }
}
