package dev.sieve.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Membership lookups of one shard asked over the event bus by concurrent requests, sent as one
 * message: at most {@value #MAX_IN_FLIGHT} messages are in flight per shard address, and the
 * lookups that arrive meanwhile wait and go together in the next (up to {@value #MAX_ELEMENTS}
 * elements a message), their answers cut back out of its {@code present} array. A lookup that
 * finds fewer than {@value #MAX_IN_FLIGHT} in flight goes at once, alone, so a lightly loaded
 * node adds no wait; under load the message's encoding, its hop and its reply are paid once per
 * batch instead of once per request (the routing cost of docs/CLUSTER.md). A failed message fails
 * every lookup in it (each request then retries as a lone one would). Thread-safe: lookups may come
 * from any event loop; each answer completes on its caller's context.
 */
final class LookupBatcher {
  /** Messages in flight per shard address: one per replica with the default {@code --replicas 2}. */
  static final int MAX_IN_FLIGHT = 2;
  /** Elements per message at most (a request with more goes alone). */
  static final int MAX_ELEMENTS = 1_000;

  /** Sends a {@code contains} query ({@code {"words": [...]}} or {@code {"numbers": [...]}}) to a shard address. */
  private final BiFunction<String, JsonObject, Future<JsonObject>> send;
  /** A promise completed on the calling context. */
  private final Supplier<Promise<JsonObject>> promises;
  private final Map<String, Queue> queues = new ConcurrentHashMap<>();

  LookupBatcher(BiFunction<String, JsonObject, Future<JsonObject>> send, Supplier<Promise<JsonObject>> promises) {
    this.send = send;
    this.promises = promises;
  }

  /** One address's lookups waiting, and its messages in flight. Guarded by itself. */
  private static final class Queue {
    int inFlight;
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  }

  /** A request's lookups: the query's field ({@code words} or {@code numbers}), its elements, its answer. */
  private record Waiting(String field, JsonArray elements, Promise<JsonObject> answer) {}

  /** The answer ({@code {"present": [...]}}) to {@code contains} query {@code query} of the shard at {@code address}. */
  Future<JsonObject> contains(String address, JsonObject query) {
    String field = query.containsKey("words") ? "words" : "numbers";
    Waiting w = new Waiting(field, query.getJsonArray(field), promises.get());
    List<Waiting> batch = null;
    Queue q = queues.computeIfAbsent(address, a -> new Queue());
    synchronized (q) {
      q.waiting.add(w);
      if (q.inFlight < MAX_IN_FLIGHT) {
        q.inFlight++;
        batch = take(q);
      }
    }
    if (batch != null) {
      send(address, q, batch);
    }
    return w.answer().future();
  }

  /** The lookups at the head of {@code q} that go in one message: one field, at most {@link #MAX_ELEMENTS} (one at least). */
  private static List<Waiting> take(Queue q) {
    List<Waiting> batch = new ArrayList<>();
    int elements = 0;
    while (!q.waiting.isEmpty()) {
      Waiting next = q.waiting.peek();
      if (!batch.isEmpty() && (!next.field().equals(batch.get(0).field())
          || elements + next.elements().size() > MAX_ELEMENTS)) {
        break;
      }
      batch.add(q.waiting.poll());
      elements += next.elements().size();
    }
    return batch;
  }

  private void send(String address, Queue q, List<Waiting> batch) {
    String field = batch.get(0).field();
    JsonArray all;
    if (batch.size() == 1) {
      all = batch.get(0).elements();
    } else {
      all = new JsonArray();
      for (Waiting w : batch) {
        all.addAll(w.elements());
      }
    }
    send.apply(address, new JsonObject().put(field, all)).onComplete(ar -> {
      answer(batch, ar.succeeded() ? ar.result() : null, ar.cause());
      List<Waiting> next;
      synchronized (q) {
        next = q.waiting.isEmpty() ? null : take(q);
        if (next == null) {
          q.inFlight--;
          if (q.inFlight == 0) {
            queues.remove(address, q); // idle: a later lookup starts a new queue
          }
        }
      }
      if (next != null) {
        send(address, q, next);
      }
    });
  }

  /** Each lookup of {@code batch} its slice of {@code reply}'s {@code present}, or the failure. */
  private static void answer(List<Waiting> batch, JsonObject reply, Throwable failure) {
    JsonArray present = reply == null ? null : reply.getJsonArray("present");
    int total = batch.stream().mapToInt(w -> w.elements().size()).sum();
    if (present == null || present.size() != total) {
      Throwable e = failure != null ? failure
          : new IllegalStateException("a shard answered " + (present == null ? "no" : present.size()) + " lookups of " + total);
      batch.forEach(w -> w.answer().fail(e));
      return;
    }
    if (batch.size() == 1) {
      batch.get(0).answer().complete(reply);
      return;
    }
    int at = 0;
    for (Waiting w : batch) {
      JsonArray mine = new JsonArray(new ArrayList<>(present.getList().subList(at, at + w.elements().size())));
      at += w.elements().size();
      w.answer().complete(new JsonObject().put("present", mine));
    }
  }
}
