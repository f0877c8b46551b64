package dev.sieve.ingest;

import io.vertx.core.VertxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The loads of one {@link SetLoader}: those running and the last {@value #KEPT_RECENT} that ended,
 * for {@code GET /v1/loads} and the metrics; and their log lines.
 *
 * <p>Each load logs one line when it ends ({@code event=load.done} with name, lines, bytes read,
 * element count, set bytes and duration; or {@code event=load.failed} with the error and its
 * line), and {@link #logProgress(long)}, called every few seconds, logs a line per load running
 * longer than that. Lines are {@code key=value} pairs (logfmt), one event per line, so they can be
 * grepped and parsed. Thread-safe.
 */
public final class Loads {
  /** How many ended loads {@link #recent()} keeps. */
  public static final int KEPT_RECENT = 20;

  static final Logger LOG = Logger.getLogger("dev.sieve.load");

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, LoadProgress> running = new ConcurrentHashMap<>();
  private final Deque<LoadProgress> recent = new ArrayDeque<>();
  private volatile Consumer<LoadProgress> onEnd = p -> {};

  /** Starts tracking a load of a {@code kind} set named {@code name} (null: unnamed). */
  public LoadProgress start(String kind, String name) {
    LoadProgress p = new LoadProgress(ids.incrementAndGet(), kind, name == null ? "-" : name);
    running.put(p.id(), p);
    return p;
  }

  /** Tells {@code listener} of every load that ends (the metrics count them); replaces any earlier one. */
  public void onEnd(Consumer<LoadProgress> listener) {
    this.onEnd = listener;
  }

  /**
   * Ends {@code p} as done and logs it; false (and nothing changes) if it had ended already: {@link
   * #cut} ended it while it ran, and what it built must not be installed.
   */
  boolean done(LoadProgress p, long elements, long setBytes) {
    if (!claim(p)) {
      return false;
    }
    p.done(elements, setBytes);
    end(p);
    LOG.info(() -> fields("load.done", p)
        + " count=" + elements + " setBytes=" + setBytes);
    return true;
  }

  /** Ends {@code p} as failed and logs it, unless it had ended already (cut, then its stream broke). */
  boolean failed(LoadProgress p, Throwable cause) {
    if (!claim(p)) {
      return false;
    }
    p.failed(cause);
    end(p);
    String line = fields("load.failed", p) + " error=" + quote(p.error());
    if (cause instanceof IngestException || cause instanceof VertxException
        || cause instanceof dev.sieve.memory.LoadMemoryException
        || cause instanceof dev.sieve.registry.SetUnavailableException) {
      LOG.warning(line); // bad input, a client gone away, refused for memory, cut: no stack trace to read
    } else {
      LOG.log(Level.WARNING, line, cause);
    }
    return true;
  }

  /**
   * Ends every load running now as failed because of {@code why} (a stop that could wait no
   * longer): each is logged {@code event=load.failed} and kept in {@link #recent()} as any failed
   * load; its pipeline may go on until its stream is closed, but its end changes nothing more and
   * what it builds is never installed. Returns how many were cut.
   */
  public int cut(String why) {
    int cut = 0;
    for (LoadProgress p : running()) {
      if (failed(p, new dev.sieve.registry.SetUnavailableException(why))) {
        cut++;
      }
    }
    return cut;
  }

  /** Takes {@code p} out of the running loads; true for the one caller that did (a load ends once). */
  private boolean claim(LoadProgress p) {
    return running.remove(p.id()) != null;
  }

  private void end(LoadProgress p) {
    synchronized (recent) {
      recent.addFirst(p);
      while (recent.size() > KEPT_RECENT) {
        recent.removeLast();
      }
    }
    onEnd.accept(p);
  }

  /** The loads running now, oldest first. */
  public List<LoadProgress> running() {
    List<LoadProgress> out = new ArrayList<>(running.values());
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }

  /** The last loads that ended, newest first. */
  public List<LoadProgress> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** Logs a progress line for every load running for at least {@code minMillis}. */
  public void logProgress(long minMillis) {
    for (LoadProgress p : running()) {
      if (p.elapsedMillis() >= minMillis) {
        LOG.info(() -> fields("load.progress", p));
      }
    }
  }

  private static String fields(String event, LoadProgress p) {
    return String.format(Locale.ROOT,
        "event=%s id=%d kind=%s name=%s phase=%s lines=%d bytesRead=%d durationMs=%d linesPerSec=%.0f bytesPerSec=%.0f",
        event, p.id(), p.kind(), p.name(), p.phase().wireName(), p.lines(), p.bytes(),
        p.elapsedMillis(), p.linesPerSecond(), p.bytesPerSecond());
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
