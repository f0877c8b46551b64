package dev.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gzip stage as a stream: it hands on no more pieces than asked for, ends once, fails once. */
class GzipStreamTest {
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aChunkThatInflatesToMegabytesIsHandedOnOnlyAsAskedFor() throws Exception {
    byte[] data = new byte[40 << 20]; // 40 MiB of zeros: about 40 KiB compressed, one or two source chunks
    for (int i = 0; i < data.length; i += 4096) {
      data[i] = (byte) i;
    }
    CRC32 expected = new CRC32();
    expected.update(data);
    byte[] gz = GzipDecoderTest.gzip(data);
    Context context = vertx.getOrCreateContext();
    Promise<Long> done = Promise.promise();
    long[] granted = {0};
    long[] delivered = {0};
    AtomicLong bytes = new AtomicLong();
    CRC32 seen = new CRC32();
    context.runOnContext(v -> {
      GzipStream stream = new GzipStream(new InputStreamSource(context, new ByteArrayInputStream(gz)), Long.MAX_VALUE);
      stream.pause();
      stream.handler(piece -> {
        delivered[0]++;
        if (delivered[0] > granted[0]) {
          done.tryFail("piece " + delivered[0] + " handed on with only " + granted[0] + " asked for");
        }
        assertTrue(piece.length() <= GzipStream.PIECE);
        bytes.addAndGet(piece.length());
        seen.update(piece.getBytes());
        // the consumer asks for the next piece later, as a slow writer would
        vertx.setTimer(1, t -> {
          granted[0]++;
          stream.fetch(1);
        });
      });
      stream.exceptionHandler(done::tryFail);
      stream.endHandler(end -> done.tryComplete(bytes.get()));
      granted[0]++;
      stream.fetch(1);
    });
    assertEquals(data.length, done.future().await());
    assertEquals(expected.getValue(), seen.getValue());
    assertTrue(delivered[0] >= data.length / GzipStream.PIECE, "pieces: " + delivered[0]);
  }

  @Test
  void aCutStreamFailsOnceAndNeverEnds() throws IOException {
    byte[] gz = GzipDecoderTest.gzip(new byte[300_000]);
    byte[] cut = Arrays.copyOf(gz, gz.length - 5);
    Context context = vertx.getOrCreateContext();
    Promise<Throwable> failed = Promise.promise();
    boolean[] ended = {false};
    int[] failures = {0};
    context.runOnContext(v -> {
      GzipStream stream = new GzipStream(new InputStreamSource(context, new ByteArrayInputStream(cut)), Long.MAX_VALUE);
      stream.handler(piece -> {});
      stream.endHandler(end -> ended[0] = true);
      stream.exceptionHandler(e -> {
        failures[0]++;
        vertx.setTimer(100, t -> failed.tryComplete(e)); // time for a stray end or second failure
      });
    });
    Throwable failure = failed.future().await();
    assertEquals("truncated gzip stream after " + cut.length + " bytes", failure.getMessage());
    assertEquals(1, failures[0]);
    assertFalse(ended[0]);
  }

  @Test
  void theCompressedBodyIsHeldToItsLimit() throws IOException {
    // empty members inflate to nothing: only the compressed limit stops a stream of them
    byte[] member = GzipDecoderTest.gzip(new byte[0]);
    byte[] many = new byte[member.length * 1000];
    for (int i = 0; i < 1000; i++) {
      System.arraycopy(member, 0, many, i * member.length, member.length);
    }
    Context context = vertx.getOrCreateContext();
    Promise<Throwable> failed = Promise.promise();
    context.runOnContext(v -> {
      GzipStream stream = new GzipStream(new InputStreamSource(context, new ByteArrayInputStream(many)), 10_000);
      stream.handler(piece -> {});
      stream.endHandler(end -> failed.tryFail("ended"));
      stream.exceptionHandler(failed::tryComplete);
    });
    Throwable failure = failed.future().await();
    assertTrue(failure instanceof TooLargeException, failure.toString());
    assertEquals("compressed body larger than 10000 bytes", failure.getMessage());
  }
}
