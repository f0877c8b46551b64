package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.api.Operations;
import dev.sieve.api.Workers;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo word list is read through the strict gzip stage: whole, or refused naming the resource. */
class DemoDataTest {
  Vertx vertx;
  Operations ops;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    Registry registry = new Registry();
    SetStore store = new SetStore(registry, null, CompactionPolicy.defaults());
    store.restore();
    Workers workers = Workers.create(vertx);
    ops = new Operations(registry, store, new SetLoader(workers.builds(), new LoadLimits(1L << 30, 65536)), workers);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static byte[] resource() throws IOException {
    try (InputStream in = DemoData.class.getResourceAsStream(DemoData.WORDS_RESOURCE)) {
      return in.readAllBytes();
    }
  }

  private Future<Operations.LoadAnswer> words(byte[] gz) {
    Context context = vertx.getOrCreateContext();
    Promise<Operations.LoadAnswer> done = Promise.promise();
    context.runOnContext(v -> DemoData.words(ops, context, new ByteArrayInputStream(gz)).onComplete(done));
    return done.future();
  }

  @Test
  void theWholeResourceLoadsEveryWord() throws IOException {
    byte[] gz = resource();
    long lines;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).distinct().count();
    }
    assertEquals(lines, words(gz).await().figures().count());
  }

  @Test
  void aCutOrDamagedResourceFailsNamingIt() throws IOException {
    byte[] gz = resource();
    Exception cut = assertThrows(Exception.class, () -> words(Arrays.copyOf(gz, gz.length / 2)).await());
    assertEquals("resource " + DemoData.WORDS_RESOURCE + ": truncated gzip stream after " + gz.length / 2 + " bytes",
        cut.getMessage());
    byte[] junk = Arrays.copyOf(gz, gz.length + 3); // GZIPInputStream would ignore this
    junk[gz.length] = 'x';
    Exception trailing = assertThrows(Exception.class, () -> words(junk).await());
    assertTrue(trailing.getMessage().endsWith("invalid gzip data at byte " + gz.length + ": trailing data after the gzip stream"),
        trailing.getMessage());
  }
}
