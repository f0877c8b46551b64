package dev.sieve.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.proto.Kind;
import dev.sieve.proto.SetRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: restarts keep a durable server's sets, and it cleans up only what it made. */
class SieveServerExtensionTest {

  @Test
  void aDurableServerKeepsItsSetsAcrossARestartAndItsOwnDirectoryGoesAtTheEnd() {
    Path data;
    try (SieveServerExtension server = new SieveServerExtension().durable()) {
      data = server.dataDir();
      assertEquals(200, server.http().put("/v1/words/w", "a\nb\n").status());
      server.restart();
      assertEquals(data, server.dataDir());
      assertEquals(2, server.http().json("/v1/words/w").getLong("count"));
      SetRef words = SetRef.newBuilder().setKind(Kind.WORDS).setName("w").build();
      assertEquals(2, server.grpc().sieve.stats(words).await().getCount());
    }
    assertFalse(Files.exists(data), "the extension's own data directory is deleted");
  }

  @Test
  void aServerInMemoryForgetsOnRestart() {
    try (SieveServerExtension server = new SieveServerExtension()) {
      assertNull(server.dataDir());
      assertEquals(200, server.http().put("/v1/words/w", "a\n").status());
      server.restart();
      assertEquals(404, server.http().get("/v1/words/w").status());
    }
  }

  @Test
  void aDataDirectoryTheTestNamesIsLeftToIt(@TempDir Path dir) {
    Path data = dir.resolve("data");
    try (SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withDataDir(data)).durable()) {
      assertEquals(data, server.dataDir());
      assertEquals(200, server.http().put("/v1/numbers/n", "1-3\n").status());
    }
    assertTrue(Files.isDirectory(data.resolve("snapshots")), "a named data directory is kept");
  }
}
