package dev.sieve.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The request a piece of work is done for: its id, attached to the request's Vert.x (duplicated)
 * context so that any code running on that context, or in {@code executeBlocking} called from it,
 * finds it with {@link #current()}; when it came in; and whether its end has been recorded (it is
 * recorded once, by whichever of its end hooks fires first). Thread-safe.
 */
public final class RequestContext {
  /** Longest id taken from a client; a longer one is replaced (it would bloat every log line). */
  public static final int MAX_ID_LENGTH = 128;
  /** The header a client may send the id in, and the server echoes it in. */
  public static final String HEADER = "X-Request-Id";

  private final String id;
  private final long startNanos;
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * @param id the client's {@code X-Request-Id} when {@link #sane sane}, else one made here
   * @param startNanos {@link System#nanoTime()} when the request came in
   */
  public RequestContext(String id, long startNanos) {
    this.id = id;
    this.startNanos = startNanos;
  }

  public String id() {
    return id;
  }

  public long startNanos() {
    return startNanos;
  }

  /** True the first time it is called: the caller records the request's end, later callers do not. */
  public boolean end() {
    return ended.compareAndSet(false, true);
  }

  /** The request the calling thread works for now, or null (none, or outside Vert.x). */
  public static RequestContext current() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(RequestContextStorage.LOCAL);
  }

  /** {@link #current()}'s id, or null. */
  public static String currentId() {
    RequestContext c = current();
    return c == null ? null : c.id();
  }

  /** The context for a request whose client sent {@code header} (null: none). */
  public static RequestContext forHeader(String header) {
    return new RequestContext(sane(header) ? header : generate(), System.nanoTime());
  }

  /** Makes this the request of {@code context} (a request's duplicated context). */
  public void attachTo(Context context) {
    context.putLocal(RequestContextStorage.LOCAL, this);
  }

  /**
   * True for 1 to {@value #MAX_ID_LENGTH} visible ASCII characters (no spaces, no control
   * characters): anything else could split or forge a log line, and is replaced, not refused.
   */
  public static boolean sane(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** 16 hex digits from a per-thread generator: unique enough to find a request's lines, never blocks. */
  static String generate() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return "0".repeat(16 - hex.length()) + hex;
  }
}
