package dev.sieve.grpc;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;
import java.util.List;

/**
 * A list's items as a {@link ReadStream} that honours {@code pause}/{@code fetch}, so that {@code
 * pipeTo} a gRPC response sends them no faster than the client reads. Items are handed out on
 * {@code context}, never from inside the caller's own call. Not thread-safe.
 */
final class ListStream<T> implements ReadStream<T> {
  private final Context context;
  private final Iterator<T> items;
  private long demand = Long.MAX_VALUE;
  private boolean scheduled;
  private boolean ended;
  private Handler<T> handler;
  private Handler<Void> endHandler;

  ListStream(Context context, List<T> items) {
    this.context = context;
    this.items = items.iterator();
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        drain();
      });
    }
  }

  private void drain() {
    while (demand > 0 && handler != null && items.hasNext()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(items.next());
    }
    if (!items.hasNext() && !ended && endHandler != null) {
      ended = true;
      endHandler.handle(null);
    }
  }

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    return this; // a list does not fail
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<T> fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    schedule();
    return this;
  }
}
