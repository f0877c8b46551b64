package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real process (what Docker and Kubernetes send): readiness turns 503 at once, a slow
 * upload gets the drain time and is then cut and logged as failed, the process exits 0, and a
 * restart serves the version from before the cut upload. The child also runs on every interface
 * without a token (it warns) and logs JSON.
 */
class StopTest {
  @Test
  void sigtermDrainsCutsTheSlowLoadAndExitsZero(@TempDir Path dir) throws Exception {
    String data = dir.resolve("data").toString();
    ChildServer child = ChildServer.start(List.of("-Xmx256m"), Map.of(), "--port", "0", "--no-demo",
        "--data-dir", data, "--drain-seconds", "2", "--host", "0.0.0.0", "--log-format", "json");
    Thread upload = null;
    try {
      child.awaitPort();
      child.awaitReady();
      assertTrue(child.lines.stream().anyMatch(l -> l.contains("\"level\":\"WARNING\"") && l.contains("beyond this machine")),
          "a warning for every interface without a token: " + child.lines);
      HttpTestClient http = child.http();
      assertEquals(200, http.put("/v1/words/w", "a\nb\n").status());

      // a slow upload replacing w: a line every 50 ms, never ending on its own
      Socket socket = new Socket("127.0.0.1", child.port);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /v1/words/w HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      upload = new Thread(() -> {
        try (socket) {
          for (int i = 0; ; i++) {
            byte[] line = ("slow" + i + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
          }
        } catch (IOException | InterruptedException closed) {
          // the server cut it, or the test is done
        }
      });
      upload.setDaemon(true);
      upload.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (http.json("/v1/loads").getJsonArray("running").isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "the slow upload never showed as running");
        Thread.sleep(20);
      }

      child.terminate();
      boolean sawNotReady = false;
      while (child.process.isAlive() && !sawNotReady) {
        try {
          HttpTestClient.Answer ready = http.get("/readyz");
          if (ready.status() == 503) {
            sawNotReady = true;
            assertEquals("draining", ready.json().getJsonObject("checks").getString("lifecycle"));
            assertEquals(503, http.get("/ready").status());
            assertEquals(200, http.get("/livez").status(), "draining is alive");
          }
        } catch (java.io.UncheckedIOException gone) {
          break;
        }
      }
      assertTrue(sawNotReady, "/readyz turned 503 before the process ended");
      assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), "exited");
      assertEquals(0, child.process.exitValue(), "a clean stop exits 0");
      Thread.sleep(200); // the last lines of output
      List<JsonObject> logs = child.lines.stream().filter(l -> l.startsWith("{")).map(JsonObject::new).toList();
      assertTrue(logs.stream().anyMatch(l -> l.getString("message").startsWith("event=load.failed")
          && l.getString("message").contains(" name=w ") && l.getString("message").contains("the server is stopping")
          && l.getString("level").equals("WARNING")), "the cut load is logged as failed: " + child.lines);
      assertTrue(logs.stream().anyMatch(l -> l.getString("message").startsWith("draining: not ready")));
      assertTrue(logs.stream().anyMatch(l -> l.getString("message").equals("stopped")));
    } finally {
      if (upload != null) {
        upload.interrupt();
      }
      child.close();
    }

    try (ChildServer again = ChildServer.ready(List.of("-Xmx256m"), List.of(), "--port", "0", "--no-demo", "--data-dir", data)) {
      JsonObject w = again.http().json("/v1/words/w");
      assertEquals(2, w.getLong("count"), "the version from before the cut upload: " + w.encode());
      assertTrue(again.http().json("/v1/words/w/contains?word=a").getBoolean("present"));
    }
  }
}
