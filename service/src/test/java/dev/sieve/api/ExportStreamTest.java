package dev.sieve.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ExportStream}: pieces made only on demand, in order, on the context; failures not taken for an end. */
class ExportStreamTest {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A source of {@code n} one-byte pieces counting how many were asked for. */
  record Counting(AtomicInteger made, int n) implements ExportSource {
    @Override
    public byte[] next() {
      return made.get() < n ? new byte[] {(byte) made.incrementAndGet()} : null;
    }
  }

  @Test
  void aPausedStreamMakesNoMorePieces() {
    AtomicInteger made = new AtomicInteger();
    Context context = vertx.getOrCreateContext();
    List<Integer> got = new ArrayList<>();
    Promise<Void> paused = Promise.promise();
    context.runOnContext(v -> {
      ExportStream<Integer> stream = new ExportStream<>(context, new Counting(made, 10), b -> (int) b[0]);
      stream.handler(piece -> {
        got.add(piece);
        stream.pause();
        // nothing is in flight once a paused reader got its piece: let a few turns pass, then look
        vertx.setTimer(50, t -> paused.complete());
      });
    });
    paused.future().await();
    assertEquals(List.of(1), got);
    assertEquals(1, made.get(), "no piece made beyond the demand");
  }

  @Test
  void fetchGivesPiecesOneAtATimeInOrderThenTheEnd() {
    AtomicInteger made = new AtomicInteger();
    Context context = vertx.getOrCreateContext();
    List<Integer> got = new ArrayList<>();
    Promise<Void> ended = Promise.promise();
    context.runOnContext(v -> {
      ExportStream<Integer> stream = new ExportStream<>(context, new Counting(made, 5), b -> (int) b[0]);
      stream.pause();
      stream.endHandler(end -> ended.complete());
      stream.handler(piece -> {
        assertTrue(Context.isOnEventLoopThread(), "pieces are handed out on the context");
        assertEquals(got.size() + 1, made.get(), "one piece made per piece asked");
        got.add(piece);
        stream.fetch(1);
      });
      stream.fetch(1);
    });
    ended.future().await();
    assertEquals(List.of(1, 2, 3, 4, 5), got);
  }

  @Test
  void aReaderThatLeavesStopsTheProduction() {
    AtomicInteger made = new AtomicInteger();
    Context context = vertx.getOrCreateContext();
    Promise<Void> left = Promise.promise();
    context.runOnContext(v -> {
      ExportStream<Integer> stream = new ExportStream<>(context, new Counting(made, 1000), b -> (int) b[0]);
      stream.handler(piece -> {
        stream.handler(null); // what a pipe does once its destination failed
        vertx.setTimer(50, t -> left.complete());
      });
    });
    left.future().await();
    assertEquals(1, made.get(), "no piece made once the reader left");
  }

  @Test
  void aFailingSourceEndsInTheExceptionHandlerNotTheEnd() {
    Context context = vertx.getOrCreateContext();
    Promise<Throwable> failed = Promise.promise();
    AtomicInteger ends = new AtomicInteger();
    context.runOnContext(v -> {
      ExportStream<byte[]> stream = new ExportStream<>(context, () -> {
        throw new IOException("disk gone");
      }, b -> b);
      stream.endHandler(end -> ends.incrementAndGet());
      stream.exceptionHandler(failed::complete);
      stream.handler(piece -> {});
    });
    assertEquals("disk gone", failed.future().await().getMessage());
    assertEquals(0, ends.get());
  }
}
