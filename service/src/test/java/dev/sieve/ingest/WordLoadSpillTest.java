package dev.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.memory.LoadBudget;
import dev.sieve.words.WordCursor;
import dev.sieve.words.WordSet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Word loads through {@link SetLoader} with a memory limit small enough to spill many runs (the
 * reader pausing while a run is written): the right set, and no spill file left, whether the load
 * succeeds or fails on a bad line.
 */
class WordLoadSpillTest {
  @TempDir Path spill;
  Vertx vertx;
  WorkerExecutor workers;
  SetLoader loader;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("test-build", 1);
    loader = new SetLoader(workers, new LoadLimits(1 << 30, 1 << 10), LoadBudget.unlimited(), spill, 8192);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aLoadThatSpillsGivesTheSetAndLeavesNoFiles() throws Exception {
    TreeSet<String> oracle = new TreeSet<>();
    byte[] body = body(new Random(21), 20_000, oracle, null);
    Loaded<WordSet> loaded = load(body);
    WordCursor c = loaded.set().cursor();
    for (String w : oracle) { // ASCII only: String order is byte order
      assertTrue(c.next());
      assertEquals(w, c.current());
    }
    assertFalse(c.next());
    assertEquals(0, files());
  }

  @Test
  void aLoadThatFailsOnABadLineLeavesNoFiles() throws Exception {
    byte[] body = body(new Random(22), 20_000, new TreeSet<>(), new byte[] {'a', (byte) 0xC3, '\n'});
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> load(body));
    assertInstanceOf(BadInputException.class, e);
    // a run the collector's helper was writing when the load failed is removed as soon as the
    // helper notices (within a word): wait for that, not for a time
    for (int i = 0; i < 1000 && files() > 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(0, files());
  }

  /** {@code n} random lowercase words (half of them repeated), then {@code tail} if not null. */
  private static byte[] body(Random rnd, int n, TreeSet<String> oracle, byte[] tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] words = new String[n];
    for (int i = 0; i < n; i++) {
      char[] w = new char[1 + rnd.nextInt(12)];
      for (int j = 0; j < w.length; j++) {
        w[j] = (char) ('a' + rnd.nextInt(26));
      }
      words[i] = i % 2 == 1 ? words[rnd.nextInt(i)] : new String(w);
      oracle.add(words[i]);
      out.writeBytes((words[i] + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    if (tail != null) {
      out.writeBytes(tail);
    }
    return out.toByteArray();
  }

  private Loaded<WordSet> load(byte[] body) throws Exception {
    return onContext(ctx -> loader.words(new InputStreamSource(ctx, new ByteArrayInputStream(body)), OnError.FAIL));
  }

  private long files() throws Exception {
    try (Stream<Path> s = Files.list(spill)) {
      return s.count();
    }
  }

  private <T> T onContext(Function<Context, Future<T>> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> task.apply(context).onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
