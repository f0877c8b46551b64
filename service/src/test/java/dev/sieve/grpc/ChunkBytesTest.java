package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The held first chunk comes first, and the consumer's demand reaches the chunk stream intact. */
class ChunkBytesTest {
  static Vertx vertx;
  static Context context;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** A chunk stream that records the demand asked of it; the test pushes chunks by hand. */
  static final class Chunks implements ReadStream<String> {
    final List<String> asked = new ArrayList<>();
    Handler<String> handler;
    Handler<Void> endHandler;
    Handler<Throwable> exceptionHandler;

    @Override
    public ReadStream<String> exceptionHandler(Handler<Throwable> handler) {
      exceptionHandler = handler;
      return this;
    }

    @Override
    public ReadStream<String> handler(Handler<String> handler) {
      this.handler = handler;
      return this;
    }

    @Override
    public ReadStream<String> pause() {
      asked.add("pause");
      return this;
    }

    @Override
    public ReadStream<String> resume() {
      asked.add("resume");
      return this;
    }

    @Override
    public ReadStream<String> fetch(long amount) {
      asked.add("fetch " + amount);
      return this;
    }

    @Override
    public ReadStream<String> endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }
  }

  static final Function<String, Buffer> BYTES = chunk -> {
    if (chunk.equals("bad")) {
      throw new IllegalArgumentException("bad chunk");
    }
    return Buffer.buffer(chunk);
  };

  /** Runs {@code step} on the context, after whatever the context already had queued. */
  static void onContext(Runnable step) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      step.run();
      done.complete();
    });
    done.future().await();
  }

  @Test
  void handsOverTheFirstChunkThenPassesDemandOn() {
    Chunks chunks = new Chunks();
    List<String> got = new ArrayList<>();
    List<Object> ended = new ArrayList<>();
    ChunkBytes<String> bytes = new ChunkBytes<>(chunks, "first", BYTES, context);
    onContext(() -> {
      bytes.handler(b -> got.add(b.toString()));
      bytes.endHandler(v -> ended.add("end"));
      bytes.pause();
      bytes.fetch(1);
    });
    onContext(() -> {});
    assertEquals(List.of("first"), got);
    assertEquals(List.of(), chunks.asked, "the held chunk answered the demand of 1");
    onContext(() -> bytes.fetch(2));
    assertEquals(List.of("fetch 2"), chunks.asked);
    onContext(() -> {
      chunks.handler.handle("second");
      chunks.endHandler.handle(null);
    });
    assertEquals(List.of("first", "second"), got);
    assertEquals(List.of("end"), ended);
  }

  @Test
  void aConsumerPausingDuringTheHandOverStaysPaused() {
    Chunks chunks = new Chunks();
    List<String> got = new ArrayList<>();
    ChunkBytes<String> bytes = new ChunkBytes<>(chunks, "first", BYTES, context);
    onContext(() -> {
      bytes.handler(b -> {
        got.add(b.toString());
        bytes.pause();
      });
      bytes.resume();
    });
    onContext(() -> {});
    assertEquals(List.of("first"), got);
    assertEquals(List.of(), chunks.asked, "no resume may reach the chunks after the pause");
    onContext(bytes::resume);
    assertEquals(List.of("resume"), chunks.asked);
  }

  @Test
  void aRefusedChunkFailsTheStreamOnce() {
    Chunks chunks = new Chunks();
    List<String> got = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    ChunkBytes<String> bytes = new ChunkBytes<>(chunks, "", BYTES, context);
    onContext(() -> {
      bytes.handler(b -> got.add(b.toString()));
      bytes.exceptionHandler(failures::add);
      bytes.resume();
    });
    onContext(() -> {
      chunks.handler.handle("ok");
      chunks.handler.handle("bad");
      chunks.handler.handle("late");
      chunks.exceptionHandler.handle(new IllegalStateException("after the failure"));
    });
    assertEquals(List.of("", "ok"), got);
    assertEquals(1, failures.size());
    assertTrue(failures.get(0) instanceof IllegalArgumentException);
    assertThrows(IllegalArgumentException.class, () -> new ChunkBytes<>(new Chunks(), "bad", BYTES, context));
  }
}
