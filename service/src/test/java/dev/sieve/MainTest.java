package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line: environment variables, flags over them, --help. */
class MainTest {

  @Test
  void environmentConfiguresTheServer() throws Exception {
    Map<String, String> env = Map.of("SIEVE_PORT", "1", "SIEVE_TOKEN", "tok", "SIEVE_MAX_LINE_BYTES", "8",
        "SIEVE_MAX_BODY_BYTES", "1000");
    // --port on the command line wins over SIEVE_PORT (1 is not bindable)
    try (ChildServer server = ChildServer.start(List.of("-Xmx128m"), env, "--port", "0", "--no-demo")) {
      int port = server.awaitPort();
      assertTrue(port != 1, "--port 0 must win over SIEVE_PORT=1");
      HttpTestClient client = server.http();
      assertEquals(401, client.put("/v1/words/x", "a\n").status());
      client.token = "tok";
      assertEquals(200, client.put("/v1/words/x", "12345678\n").status());
      assertEquals(413, client.put("/v1/words/x", "123456789\n").status());
      assertEquals(413, client.put("/v1/numbers/x", "1\n".repeat(600)).status());
      assertEquals(200, client.get("/ready").status());
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
          "SIEVE_PORT", "SIEVE_DATA_DIR", "SIEVE_TOKEN", "SIEVE_MAX_BODY_BYTES", "SIEVE_MAX_LINE_BYTES",
          "--host", "--cors-origin", "SIEVE_CORS_ORIGIN", "--tls-cert", "--tls-key", "--drain-seconds", "--log-format", "--[no-]access-log",
          "SIEVE_HOST", "SIEVE_TLS_CERT", "SIEVE_TLS_KEY", "SIEVE_DRAIN_SECONDS", "SIEVE_LOG_FORMAT", "SIEVE_ACCESS_LOG")) {
        assertTrue(help.contains(option), option + " in\n" + help);
      }
    }
  }

  @Test
  void corsOriginsAreCheckedAtStart() {
    ServiceConfig base = ServiceConfig.forTests(0);
    assertEquals("*", base.withCorsOrigin("*").corsOrigin());
    assertEquals("https://a.example, http://b.example:8081",
        base.withCorsOrigin("https://a.example, http://b.example:8081").corsOrigin());
    assertEquals(null, base.withCorsOrigin(" ").corsOrigin());
    IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> base.withCorsOrigin("https://a.example/path"));
    assertTrue(bad.getMessage().contains("https://a.example/path"), bad.getMessage());
  }

  @Test
  void versionIsTheBuildsVersion() throws Exception {
    try (ChildServer child = ChildServer.start(List.of("-Xmx64m"), Map.of(), "--version")) {
      String out = new String(child.process.getInputStream().readAllBytes()).trim();
      assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
      assertTrue(out.startsWith("sieve " + dev.sieve.api.BuildInfo.read().version() + " ("), out); // then the revision and Java
      assertTrue(dev.sieve.api.BuildInfo.read().version().matches("\\d+\\.\\d+\\.\\d+.*"), out);
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
