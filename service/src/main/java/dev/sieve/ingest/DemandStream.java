package dev.sieve.ingest;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * What every stream that makes its own items as the reader asks writes the same way (a file read
 * on a worker, an inflated body, an export made piece by piece, a held first chunk): the reader's
 * three handlers, and its demand, which {@link #pause} sets to none, {@link #resume} to unbounded
 * ({@link Long#MAX_VALUE}, as Vert.x means it) and {@link #fetch} raises, saturating. A subclass
 * makes items in {@link #demanded}, called whenever the reader sets its handler or asks for more,
 * while {@link #wanted}, and hands each on with {@link #emit}, which spends one unit of demand.
 * Used on one Vert.x context; not thread-safe.
 *
 * @param <T> the items
 */
public abstract class DemandStream<T> implements ReadStream<T> {
  /** Items the reader still wants; {@link Long#MAX_VALUE} for no bound. */
  protected long demand = Long.MAX_VALUE;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  /** The reader set its handler or raised its demand: make items if {@link #wanted}, or schedule it. */
  protected abstract void demanded();

  /** Whether the reader takes an item now: it has a handler and demand. */
  protected final boolean wanted() {
    return handler != null && demand > 0;
  }

  /** Hands {@code item} to the reader, spending one unit of demand; dropped if the reader left (no handler). */
  protected final void emit(T item) {
    Handler<T> h = handler;
    if (h == null) {
      return;
    }
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    h.handle(item);
  }

  /** Tells the reader the stream ended. */
  protected final void signalEnd() {
    Handler<Void> h = endHandler;
    if (h != null) {
      h.handle(null);
    }
  }

  /** Tells the reader the stream failed with {@code cause}. */
  protected final void signalFailure(Throwable cause) {
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(cause);
    }
  }

  @Override
  public DemandStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    demanded();
    return this;
  }

  @Override
  public DemandStream<T> pause() {
    demand = 0;
    return this;
  }

  @Override
  public DemandStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public DemandStream<T> fetch(long amount) {
    demand = addDemand(demand, amount);
    demanded();
    return this;
  }

  @Override
  public DemandStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public DemandStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  /** {@code demand + amount}, saturating at {@link Long#MAX_VALUE} (Vert.x's "unbounded"). */
  public static long addDemand(long demand, long amount) {
    return amount == Long.MAX_VALUE || demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
  }
}
