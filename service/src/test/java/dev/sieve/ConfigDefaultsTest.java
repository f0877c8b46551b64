package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The network and lifecycle options: safe defaults (loopback, plaintext, an 8 s drain), and checks. */
class ConfigDefaultsTest {
  @Test
  void theCommandLineDefaultsToLoopback() {
    Main main = new Main();
    new CommandLine(main).parseArgs();
    assertEquals("127.0.0.1", main.host);
    assertEquals(8, main.drainSeconds);
    assertEquals("text", main.logFormat);
    assertFalse(main.accessLog, "off unless asked: it costs the cheapest lookups much of their throughput");
    new CommandLine(main).parseArgs("--access-log", "--host", "0.0.0.0", "--drain-seconds", "3");
    assertTrue(main.accessLog);
    assertEquals("0.0.0.0", main.host);
  }

  @Test
  void serverOptionsFollowTheConfig(@TempDir Path dir) throws Exception {
    HttpServerOptions plain = ServerOptions.of(ServiceConfig.forTests(0));
    assertEquals("127.0.0.1", plain.getHost());
    assertFalse(plain.isSsl());
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    Path key = Files.writeString(dir.resolve("k.pem"), "x");
    HttpServerOptions tls = ServerOptions.of(ServiceConfig.forTests(0).withHost("0.0.0.0")
        .withTls(new ServiceConfig.Tls(cert, key)));
    assertEquals("0.0.0.0", tls.getHost());
    assertTrue(tls.isSsl());
    assertTrue(tls.isUseAlpn(), "h2 by ALPN, for gRPC");
  }

  @Test
  void loopbackOrNot() {
    assertFalse(ServiceConfig.forTests(0).beyondLoopback());
    assertFalse(ServiceConfig.forTests(0).withHost("localhost").beyondLoopback());
    assertFalse(ServiceConfig.forTests(0).withHost("::1").beyondLoopback());
    assertTrue(ServiceConfig.forTests(0).withHost("0.0.0.0").beyondLoopback());
    assertTrue(ServiceConfig.forTests(0).withHost("::").beyondLoopback());
  }

  @Test
  void tlsNeedsBothFilesReadable(@TempDir Path dir) throws Exception {
    assertNull(Main.tls(null, null));
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    assertEquals("TLS needs both a certificate (--tls-cert) and a key (--tls-key)",
        assertThrows(IllegalArgumentException.class, () -> Main.tls(cert, null)).getMessage());
    assertEquals("cannot read --tls-key " + dir.resolve("none.pem"),
        assertThrows(IllegalArgumentException.class, () -> Main.tls(cert, dir.resolve("none.pem"))).getMessage());
    assertEquals(Duration.ofSeconds(8), ServiceConfig.forTests(0).drain());
    assertThrows(IllegalArgumentException.class, () -> ServiceConfig.forTests(0).withDrain(Duration.ofSeconds(-1)));
  }
}
