package dev.sieve.logging;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Hands records to a queue and lets a thread of its own format and write them through {@code
 * delegate}, so that the thread that logs (an event loop, for the access log) neither formats nor
 * waits on standard error. The request id is captured when the record is published (the formatters
 * read it from the Vert.x context, which the writer thread does not have).
 *
 * <p>Bounded: when the queue is full (the output cannot keep up) a record is dropped rather than
 * block an event loop; the drops are counted and said in one WARNING line once the writer catches
 * up. {@link #close} (also run at JVM exit) writes what is queued; records published after it are
 * written at once, on the caller's thread, so the last lines of a stop are never lost. Thread-safe.
 */
public final class AsyncLogHandler extends Handler {
  /** Records waiting at the most: at about 200 bytes a line, 16 MiB of heap in the worst case. */
  static final int CAPACITY = 1 << 16;

  private final Handler delegate;
  private final BlockingQueue<LogRecord> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;

  public AsyncLogHandler(Handler delegate) {
    this(delegate, CAPACITY);
  }

  AsyncLogHandler(Handler delegate, int capacity) {
    this.delegate = delegate;
    this.queue = new ArrayBlockingQueue<>(capacity);
    setLevel(delegate.getLevel());
    writer = new Thread(this::drain, "sieve-log");
    writer.setDaemon(true);
    writer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "sieve-log-flush"));
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    if (closed) {
      // after close (the JVM exiting, other shutdown hooks still logging): written at once
      delegate.publish(record);
      delegate.flush();
      return;
    }
    String id = RequestContext.currentId();
    LogRecord captured = id == null ? record : RequestRecord.of(record, id);
    if (!queue.offer(captured)) {
      dropped.incrementAndGet();
    }
  }

  private void drain() {
    try {
      while (!closed || !queue.isEmpty()) {
        LogRecord r = queue.poll(100, TimeUnit.MILLISECONDS);
        if (r != null) {
          delegate.publish(r);
        }
        if (queue.isEmpty()) {
          reportDrops();
          delegate.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reportDrops() {
    long n = dropped.getAndSet(0);
    if (n > 0) {
      LogRecord r = new LogRecord(Level.WARNING, n + " log lines dropped: standard error could not keep up");
      r.setLoggerName(AsyncLogHandler.class.getName());
      delegate.publish(r);
    }
  }

  /** Records dropped since the last report (for tests). */
  long droppedSinceReport() {
    return dropped.get();
  }

  @Override
  public void flush() {
    // the writer flushes whenever it has caught up
  }

  /** Writes what is queued, then closes the delegate. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a record offered just as closed turned true, after the writer's last look: written here
    for (LogRecord r = queue.poll(); r != null; r = queue.poll()) {
      delegate.publish(r);
    }
    reportDrops();
    delegate.flush();
  }

  /** A record with the request id it was logged under. */
  static final class RequestRecord extends LogRecord {
    final String requestId;

    private RequestRecord(Level level, String message, String requestId) {
      super(level, message);
      this.requestId = requestId;
    }

    static RequestRecord of(LogRecord r, String requestId) {
      RequestRecord c = new RequestRecord(r.getLevel(), r.getMessage(), requestId);
      c.setLoggerName(r.getLoggerName());
      c.setParameters(r.getParameters());
      c.setThrown(r.getThrown());
      c.setInstant(r.getInstant());
      c.setLongThreadID(r.getLongThreadID());
      c.setSequenceNumber(r.getSequenceNumber());
      c.setResourceBundle(r.getResourceBundle());
      c.setResourceBundleName(r.getResourceBundleName());
      // not the source class and method: asking for them walks the stack, and no format writes them
      return c;
    }
  }

  /** The request id {@code record} was logged under: captured, or the current one. */
  static String requestId(LogRecord record) {
    return record instanceof RequestRecord r ? r.requestId : RequestContext.currentId();
  }
}
