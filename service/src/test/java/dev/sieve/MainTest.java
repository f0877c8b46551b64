package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line: environment variables, flags over them, --help. */
class MainTest {
  private static int put(HttpClient client, int port, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void environmentConfiguresTheServer() throws Exception {
    Map<String, String> env = Map.of("SIEVE_PORT", "1", "SIEVE_TOKEN", "tok", "SIEVE_MAX_LINE_BYTES", "8",
        "SIEVE_MAX_BODY_BYTES", "1000");
    // --port on the command line wins over SIEVE_PORT (1 is not bindable)
    try (ChildServer server = ChildServer.start(List.of("-Xmx128m"), env, "--port", "0", "--no-demo")) {
      int port = server.awaitPort();
      assertTrue(port != 1, "--port 0 must win over SIEVE_PORT=1");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertEquals(401, put(client, port, "/v1/words/x", "a\n", null));
      assertEquals(200, put(client, port, "/v1/words/x", "12345678\n", "tok"));
      assertEquals(413, put(client, port, "/v1/words/x", "123456789\n", "tok"));
      assertEquals(413, put(client, port, "/v1/numbers/x", "1\n".repeat(600), "tok"));
      assertEquals(200, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void portFromTheEnvironment() throws Exception {
    int free;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    try (ChildServer server = ChildServer.start(List.of("-Xmx128m"), Map.of("SIEVE_PORT", String.valueOf(free)), "--no-demo")) {
      assertEquals(free, server.awaitPort());
    }
  }

  @Test
  void helpListsEveryOption() throws Exception {
    try (ChildServer child = ChildServer.start(List.of("-Xmx64m"), Map.of(), "--help")) {
      String help = new String(child.process.getInputStream().readAllBytes());
      assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, child.process.exitValue());
      for (String option : List.of("--port", "--data-dir", "--token", "--max-body-bytes", "--max-line-bytes", "--help",
          "SIEVE_PORT", "SIEVE_DATA_DIR", "SIEVE_TOKEN", "SIEVE_MAX_BODY_BYTES", "SIEVE_MAX_LINE_BYTES")) {
        assertTrue(help.contains(option), option + " in\n" + help);
      }
    }
  }

  @Test
  void badConfigurationExitsNonZero() throws Exception {
    try (ChildServer child = ChildServer.start(List.of("-Xmx64m"), Map.of(), "--port", "70000", "--no-demo")) {
      child.process.getInputStream().readAllBytes();
      assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
      assertTrue(child.process.exitValue() != 0);
    }
  }
}
