package dev.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline over a blocking source: lines, CRLF, last line without LF, errors with lines. */
class LineLoaderTest {
  Vertx vertx;
  WorkerExecutor workers;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("test-build", 1);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private <T> T onContext(java.util.function.Function<Context, io.vertx.core.Future<T>> task) throws Exception {
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
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private List<String> lines(byte[] body, LoadLimits limits, OnError onError, long[] skippedOut) throws Exception {
    List<String> seen = new ArrayList<>();
    LoadReport report = onContext(ctx -> LineLoader.load(
        new InputStreamSource(ctx, new ByteArrayInputStream(body)),
        (line, length) -> {
          String s = new String(line, 0, length, StandardCharsets.UTF_8);
          if (s.startsWith("!")) {
            throw new IllegalArgumentException("bang");
          }
          seen.add(s);
        },
        limits, onError));
    if (skippedOut != null) {
      skippedOut[0] = report.skipped();
    }
    assertEquals(body.length, report.bytes());
    return seen;
  }

  @Test
  void cutsLinesAcrossChunks() throws Exception {
    StringBuilder body = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String line = "line-" + i;
      expected.add(line);
      body.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
      if (i % 1000 == 0) {
        body.append("\n\r\n");
      }
    }
    body.append("last-without-newline");
    expected.add("last-without-newline");
    assertEquals(expected, lines(body.toString().getBytes(StandardCharsets.UTF_8), new LoadLimits(1 << 30, 64), OnError.FAIL, null));
  }

  @Test
  void badLineFailsWithItsNumberOrIsSkipped() throws Exception {
    byte[] body = "a\n\n!b\nc\n!d\n".getBytes(StandardCharsets.UTF_8);
    BadInputException e = assertInstanceOf(BadInputException.class,
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
            () -> lines(body, new LoadLimits(1 << 20, 64), OnError.FAIL, null)));
    assertEquals(3, e.line());
    long[] skipped = new long[1];
    assertEquals(List.of("a", "c"), lines(body, new LoadLimits(1 << 20, 64), OnError.SKIP, skipped));
    assertEquals(2, skipped[0]);
  }

  @Test
  void limits() throws Exception {
    TooLargeException line = assertInstanceOf(TooLargeException.class,
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
            () -> lines("ok\n12345678901\n".getBytes(StandardCharsets.UTF_8), new LoadLimits(1 << 20, 10), OnError.SKIP, null)));
    assertEquals(2, line.line());
    assertEquals(List.of("1234567890"), lines("1234567890\r\n".getBytes(StandardCharsets.UTF_8), new LoadLimits(1 << 20, 10), OnError.FAIL, null));
    assertInstanceOf(TooLargeException.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> lines(new byte[200_000], new LoadLimits(100_000, 1 << 20), OnError.FAIL, null)));
  }

  @Test
  void numbersFromAGzipStreamThroughTheLoader() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 100_000; i++) {
        out.write((i * 5 + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write("1000000000000-1000000000009\n".getBytes(StandardCharsets.US_ASCII));
    }
    SetLoader loader = new SetLoader(workers, new LoadLimits(1 << 30, 100));
    Loaded<NumberSet> loaded = onContext(ctx -> {
      try {
        return loader.numbers(new InputStreamSource(ctx, new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray()))), OnError.FAIL);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertEquals(100_010, loaded.set().cardinality());
    assertTrue(loaded.set().contains(499_995));
    assertTrue(loaded.set().contains(1_000_000_000_009L));
    assertEquals(100_001, loaded.report().lines());
    assertArrayEquals(new long[0], loaded.report().firstSkippedLines());
    assertTrue(dev.sieve.registry.SetFamily.NUMBERS.baseline(loaded.set()) > 100_010L * 48);
  }
}
