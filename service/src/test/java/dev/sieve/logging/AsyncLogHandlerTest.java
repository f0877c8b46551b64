package dev.sieve.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;

/** {@link AsyncLogHandler}: every line written, in order per thread, with its request id; bounded. */
class AsyncLogHandlerTest {
  /** Keeps what it is given, and can be held up until {@code release}. */
  static final class Kept extends Handler {
    final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release;

    Kept(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public void publish(LogRecord r) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  static LogRecord record(String message) {
    LogRecord r = new LogRecord(Level.INFO, message);
    r.setLoggerName("dev.sieve.test");
    return r;
  }

  @Test
  void writesEveryLineInOrderPerThreadAndAllOfThemOnClose() throws Exception {
    Kept kept = new Kept(new CountDownLatch(0));
    AsyncLogHandler async = new AsyncLogHandler(kept);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 5_000; i++) {
          async.publish(record(id + ":" + i));
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    async.close();
    assertEquals(20_000, kept.records.size());
    int[] next = new int[4];
    for (LogRecord r : kept.records) {
      String[] parts = r.getMessage().split(":");
      int t = Integer.parseInt(parts[0]);
      assertEquals(next[t]++, Integer.parseInt(parts[1]), "thread " + t + "'s lines in order");
    }
    async.publish(record("after close"));
    assertEquals("after close", kept.records.get(kept.records.size() - 1).getMessage(), "written at once after close");
  }

  @Test
  void dropsWhatDoesNotFitAndSaysHowMany() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Kept kept = new Kept(release);
    AsyncLogHandler async = new AsyncLogHandler(kept, 8);
    for (int i = 0; i < 100; i++) {
      async.publish(record("line " + i)); // never blocks, though the writer is held up
    }
    long dropped = async.droppedSinceReport();
    assertTrue(dropped >= 100 - 8 - 1 && dropped <= 100 - 8, "dropped " + dropped);
    release.countDown();
    async.close();
    LogRecord report = kept.records.get(kept.records.size() - 1);
    assertEquals(Level.WARNING, report.getLevel());
    assertEquals(dropped + " log lines dropped: standard error could not keep up", report.getMessage());
    assertEquals(100 - dropped + 1, kept.records.size());
  }

  @Test
  void aLineKeepsTheRequestIdItWasLoggedUnder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamHandler stream = new StreamHandler(out, new TextLogFormatter());
    AsyncLogHandler async = new AsyncLogHandler(stream);
    Vertx vertx = Vertx.vertx();
    try {
      var context = ((io.vertx.core.internal.ContextInternal) vertx.getOrCreateContext()).duplicate();
      CountDownLatch done = new CountDownLatch(1);
      context.runOnContext(v -> {
        new RequestContext("abc", System.nanoTime()).attachTo(context);
        async.publish(record("hello"));
        done.countDown();
      });
      assertTrue(done.await(10, TimeUnit.SECONDS));
      async.publish(record("outside"));
      async.close();
      String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
      assertTrue(lines[0].endsWith(" hello requestId=abc"), lines[0]);
      assertTrue(lines[1].endsWith(" outside"), lines[1]);
    } finally {
      vertx.close().await();
    }
  }
}
