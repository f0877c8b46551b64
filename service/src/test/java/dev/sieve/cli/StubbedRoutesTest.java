package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a stub (the JDK's own HTTP server) for what a real Sieve does not answer:
 * fields it does not send ({@code info} prints whatever comes back), a 503 with {@code Retry-After}
 * on a plain read, and a proxy's HTML error page. The same commands against a real server are in
 * {@link InfoExportCommandsTest}.
 */
class StubbedRoutesTest {
  static final String INFO = "{\"version\":\"0.2.0\",\"uptimeSeconds\":12,\"sets\":{\"words\":2,\"numbers\":1},"
      + "\"storage\":{\"durable\":true,\"fsync\":\"always\"},\"listens\":[\"http\",\"grpc\"]}";

  static HttpServer stub;
  static String url;
  /** Lines of the stub's word set: enough to span many chunks. */
  static final int WORDS = 200_000;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/v1/info", ex -> answer(ex, 200, INFO, null));
    stub.createContext("/v1/words/big/export", StubbedRoutesTest::export);
    stub.createContext("/v1/words/gone/export", ex -> answer(ex, 404, "{\"error\":\"no such word set: gone\",\"code\":\"no_such_set\"}", null));
    stub.createContext("/v1/words/busy", ex -> answer(ex, 503, "{\"error\":\"load memory busy\",\"code\":\"busy\"}", "5"));
    stub.createContext("/v1/words/html", ex -> answer(ex, 502, "<html><body>Bad Gateway</body></html>", null));
    stub.start();
    url = "http://127.0.0.1:" + stub.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    stub.stop(0);
  }

  private static void answer(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
    if (retryAfter != null) {
      ex.getResponseHeaders().add("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code w0 .. w199999}, chunked; gzip when asked with {@code Accept-Encoding}. */
  private static void export(HttpExchange ex) throws IOException {
    boolean gzip = String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
    ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    if (gzip) {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
    }
    ex.sendResponseHeaders(200, 0);
    try (OutputStream body = gzip ? new GZIPOutputStream(ex.getResponseBody()) : ex.getResponseBody()) {
      for (int i = 0; i < WORDS; i++) {
        body.write(("w" + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String expectedWords() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < WORDS; i++) {
      text.append('w').append(i).append('\n');
    }
    return text.toString();
  }

  @Test
  void infoPrintsWhateverFieldsComeBack() {
    CliRun info = CliRun.run(url, "info");
    assertEquals(0, info.code(), info.toString());
    assertEquals("version: 0.2.0\nuptimeSeconds: 12\nsets.words: 2\nsets.numbers: 1\n"
        + "storage.durable: true\nstorage.fsync: always\nlistens: http, grpc\n", info.out());
    CliRun json = CliRun.run(url, "info", "--json");
    assertEquals(INFO + "\n", json.out());
  }

  @Test
  void wordExportStreamsLinesToStandardOutputOrAFile() throws IOException {
    CliRun stdout = CliRun.run(url, "export", "words", "big");
    assertEquals(0, stdout.code(), stdout.toString());
    assertEquals(expectedWords(), stdout.bytesText());

    Path file = dir.resolve("big.txt");
    CliRun toFile = CliRun.run(url, "export", "words", "big", "-o", file.toString());
    assertEquals(expectedWords(), Files.readString(file));
    assertEquals("words big: " + Units.count(Files.size(file)) + " bytes to " + file + "\n", toFile.out());
  }

  @Test
  void gzipIsAskedOfTheServerAndWrittenAsItCame() throws IOException {
    Path file = dir.resolve("big.txt.gz");
    CliRun run = CliRun.run(url, "--json", "export", "words", "big", "-o", file.toString(), "--gzip");
    assertEquals(0, run.code(), run.toString());
    JsonObject summary = new JsonObject(run.out());
    assertEquals(Files.size(file), summary.getLong("bytes"));
    assertTrue(summary.getBoolean("gzip"));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertEquals(expectedWords(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void serverErrorsShowStatusMessageCodeAndRetryAfter() {
    CliRun gone = CliRun.run(url, "export", "words", "gone");
    assertEquals(SieveCli.SERVER_ERROR, gone.code());
    assertEquals("sieve: 404 no such word set: gone (code no_such_set)\n", gone.err());
    assertEquals("", gone.bytesText());
    CliRun busy = CliRun.run(url, "--json", "stats", "words", "busy");
    assertEquals("sieve: 503 load memory busy (code busy, retry after 5 s)\n", busy.err());
    assertEquals("busy", new JsonObject(busy.out()).getString("code"));
    CliRun html = CliRun.run(url, "stats", "words", "html");
    assertEquals("sieve: 502 <html><body>Bad Gateway</body></html>\n", html.err());
    CliRun notSieve = CliRun.run(url, "stats", "words", "big"); // 404 from the stub: no context
    assertEquals(SieveCli.SERVER_ERROR, notSieve.code());
  }
}
