package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/loads} and the load log lines: running loads with their progress, ended ones with their outcome. */
class LoadsApiTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  /** Collects the formatted messages of a logger while open. */
  static final class LogCapture extends Handler implements AutoCloseable {
    final Logger logger;
    final List<String> lines = new ArrayList<>();

    LogCapture(String name) {
      logger = Logger.getLogger(name);
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      lines.add(record.getLevel() + " " + record.getMessage());
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }

  @Test
  void endedLoadsAreListedNewestFirstAndLogged() {
    try (LogCapture log = new LogCapture("dev.sieve.load")) {
      assertEquals(200, server.http().put("/v1/words/colors", "red\ngreen\nblue\n").status());
      assertEquals(400, server.http().put("/v1/numbers/broken", "1\n2\nthree\n4\n").status());

      JsonObject loads = server.http().get("/v1/loads").json();
      assertEquals(0, loads.getJsonArray("running").size());
      JsonArray recent = loads.getJsonArray("recent");
      assertEquals(2, recent.size());
      JsonObject failed = recent.getJsonObject(0);
      assertEquals("broken", failed.getString("name"));
      assertEquals("numbers", failed.getString("kind"));
      assertEquals("failed", failed.getString("phase"));
      assertEquals(3, failed.getLong("lines"));
      assertTrue(failed.getString("error").contains("line 3"), failed.encode());
      JsonObject done = recent.getJsonObject(1);
      assertEquals("colors", done.getString("name"));
      assertEquals("done", done.getString("phase"));
      assertEquals(3, done.getLong("lines"));
      assertEquals(15, done.getLong("bytesRead"));
      assertEquals(3, done.getLong("count"));
      assertTrue(done.getLong("bytes") > 0);

      List<String> lines = log.lines();
      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(0).matches("INFO event=load\\.done id=\\d+ kind=words name=colors phase=done lines=3 bytesRead=15 durationMs=\\d+ .* count=3 setBytes=\\d+"), lines.get(0));
      assertTrue(lines.get(1).matches("WARNING event=load\\.failed id=\\d+ kind=numbers name=broken phase=failed lines=3 .* error=\"BadInputException: .*\\(line 3\\)\""), lines.get(1));
    }
  }

  @Test
  void aRunningLoadShowsItsProgress() throws Exception {
    try (LogCapture log = new LogCapture("dev.sieve.load");
        Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /v1/numbers/slow HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      chunk(out, "1\n2\n3\n");
      JsonObject running = null;
      for (int i = 0; i < 100 && running == null; i++) {
        JsonArray now = server.http().get("/v1/loads").json().getJsonArray("running");
        if (!now.isEmpty() && now.getJsonObject(0).getLong("lines") == 3) {
          running = now.getJsonObject(0);
        } else {
          Thread.sleep(20);
        }
      }
      assertTrue(running != null, "the load never showed 3 lines read");
      assertEquals("slow", running.getString("name"));
      assertEquals("reading", running.getString("phase"));
      assertEquals(6, running.getLong("bytesRead"));
      String metrics = server.http().get("/metrics").body();
      assertEquals(1, MetricsTest.value(metrics, "sieve_loads_running"));
      assertTrue(metrics.contains("sieve_load_progress_lines{id=\"" + running.getLong("id") + "\",kind=\"numbers\",name=\"slow\"} 3.0"), metrics);

      // what the periodic progress log writes for it
      server.service().loader().loads().logProgress(0);
      assertTrue(log.lines().stream().anyMatch(l -> l.matches("INFO event=load\\.progress .*name=slow phase=reading lines=3 bytesRead=6 .*")), log.lines().toString());

      chunk(out, "4\n");
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readAnswer(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      JsonObject loads = server.http().get("/v1/loads").json();
      assertEquals(0, loads.getJsonArray("running").size());
      assertEquals(4, loads.getJsonArray("recent").getJsonObject(0).getLong("count"));
    }
  }

  @Test
  void aClientThatGoesAwayEndsItsLoadAsFailed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /v1/words/gone HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      chunk(out, "a\nb\n");
      for (int i = 0; i < 100 && server.http().get("/v1/loads").json().getJsonArray("running").isEmpty(); i++) {
        Thread.sleep(20);
      }
    }
    JsonObject last = null;
    for (int i = 0; i < 250 && last == null; i++) {
      JsonArray recent = server.http().get("/v1/loads").json().getJsonArray("recent");
      if (!recent.isEmpty()) {
        last = recent.getJsonObject(0);
      } else {
        Thread.sleep(20);
      }
    }
    assertTrue(last != null, "the load never ended");
    assertEquals("gone", last.getString("name"));
    assertEquals("failed", last.getString("phase"));
    assertEquals(0, server.http().get("/v1/loads").json().getJsonArray("running").size());
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    while (!text.toString().contains("\"elapsedMs\"")) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }
    return text.toString();
  }
}
