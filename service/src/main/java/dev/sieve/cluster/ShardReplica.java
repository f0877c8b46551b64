package dev.sieve.cluster;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.UpdateOp;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The shards this node holds, each read back from the snapshot bytes its coordinator shipped
 * (checked against the checksum, validated as untrusted input), and the event-bus consumer that
 * answers lookups on it. Every replica of a shard consumes the same address ({@link #address}),
 * so Vert.x's round-robin delivery spreads reads over them, and a dead node's registrations leave
 * with it: failover needs no code here. A shard takes updates as a single node's set does: a
 * delta over the shipped base ({@link WordDelta}, {@link NumberDelta}), folded into a new base
 * once it holds a quarter of the base's elements. Held in memory only (see docs/CLUSTER.md).
 */
final class ShardReplica {
  private static final Logger LOG = Logger.getLogger(ShardReplica.class.getName());

  /** A shard held here: the set (a {@link WordDelta} or a {@link NumberDelta}) and its consumer. */
  record Held(SetKind kind, String name, long version, int index, Object set, long bytes, MessageConsumer<Object> consumer) {
    Held with(Object set) {
      return new Held(kind, name, version, index, set, bytes, consumer);
    }
  }

  /** A delta folds into a new base past this share of the base's elements: the single node's default. */
  static final double FOLD_RATIO = dev.sieve.registry.CompactionPolicy.DEFAULT_RATIO;

  private final Vertx vertx;
  private final Messages messages;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  ShardReplica(Vertx vertx, Messages messages) {
    this.vertx = vertx;
    this.messages = messages;
  }

  /** The read address of one shard of one version of a set. */
  static String address(SetKind kind, String name, long version, int index) {
    return "sieve.shard/" + kind.wireName() + "/" + name + "/" + version + "/" + index;
  }

  /** Stores a shipped shard ({@link Messages#STORE}): reads it on a worker, then consumes its address; replies once registered. */
  void store(Message<Buffer> m) {
    SetKind kind = SetKind.fromWireName(m.headers().get("kind"));
    String name = m.headers().get("name");
    long version = Long.parseLong(m.headers().get("version"));
    int index = Integer.parseInt(m.headers().get("index"));
    String checksum = m.headers().get("checksum");
    byte[] bytes = m.body().getBytes();
    vertx.executeBlocking(() -> {
      if (!ShardSplit.checksum(bytes).equals(checksum)) {
        throw new IllegalArgumentException("shard " + index + " of " + name + ": checksum mismatch");
      }
      return kind == SetKind.WORDS
          ? (Object) WordDelta.of(WordSet.read(ByteBuffer.wrap(bytes)))
          : NumberDelta.of(NumberSetFormat.read(ByteBuffer.wrap(bytes)));
    }, false).compose(set -> {
      String address = address(kind, name, version, index);
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, lookup -> answer(address, lookup));
      Held h = new Held(kind, name, version, index, set, bytes.length, consumer);
      Held old = held.put(address, h);
      if (old != null) {
        old.consumer().unregister();
      }
      return consumer.completion();
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply("stored");
      } else {
        LOG.warning("refused shard " + index + " of " + kind.wireName() + " " + name + " v" + version + ": " + ar.cause());
        m.fail(500, String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  /** Drops the shards of set {@code name} older than {@code keep} (or, for an aborted load, of exactly {@code abort}). */
  void drop(SetKind kind, String name, long keep, long abort) {
    held.values().removeIf(h -> {
      boolean drop = h.kind() == kind && h.name().equals(name) && (h.version() < keep || h.version() == abort);
      if (drop) {
        h.consumer().unregister();
      }
      return drop;
    });
  }

  /** Drops the copy of the shard at {@code address}, if held here: its consumer goes, so reads go to the other copies. */
  void dropShard(String address) {
    Held h = held.remove(address);
    if (h != null) {
      h.consumer().unregister();
    }
  }

  /** The shards held, for {@code /v1/cluster}. */
  Iterable<Held> held() {
    return held.values();
  }

  /** Bytes of every shard held here (one per shard, whatever the replicas). */
  long bytes() {
    return held.values().stream().mapToLong(Held::bytes).sum();
  }

  /** Whether this node holds a copy of the shard at {@code address}. */
  boolean holds(String address) {
    return held.containsKey(address);
  }

  /**
   * The answer to {@code op} from the copy of a shard held on this node, or null when this node
   * holds none: a read that can be answered here skips the event bus (its encoding, two thread
   * handoffs and, for half the reads, a hop to another process), as Elasticsearch prefers a
   * local shard copy. Reads still spread over the copies with the nodes the clients ask.
   */
  JsonObject answerHere(String address, String op, JsonObject q) {
    Held h = held.get(address);
    return h == null ? null : reply(h.kind(), h.set(), op, q);
  }

  private static JsonObject reply(SetKind kind, Object set, String op, JsonObject q) {
    if (SNAPSHOT.equals(op)) {
      return new JsonObject().put("bytes", kind == SetKind.WORDS
          ? ShardSplit.bytes(((WordDelta) set).compact()) : ShardSplit.bytes(((NumberDelta) set).compact()));
    }
    if (PARTS.equals(op)) {
      List<dev.sieve.registry.SetPart> parts = kind == SetKind.WORDS
          ? dev.sieve.registry.SetFamily.WORDS.parts((WordDelta) set)
          : dev.sieve.registry.SetFamily.NUMBERS.parts((NumberDelta) set);
      JsonArray out = new JsonArray();
      for (dev.sieve.registry.SetPart p : parts) {
        out.add(new JsonArray().add(p.name()).add(p.count()).add(p.values()).add(p.bytes()));
      }
      return new JsonObject().put("parts", out);
    }
    return kind == SetKind.WORDS ? words((WordDelta) set, op, q) : numbers((NumberDelta) set, op, q);
  }

  private void answer(String address, Message<Object> m) {
    if (!messages.trusted(m)) {
      m.fail(403, "no or wrong cluster token");
      return;
    }
    Held h = held.get(address);
    if (h == null) {
      m.fail(404, "no copy of " + address + " here");
      return;
    }
    String op = m.headers().get("op");
    JsonObject q = (JsonObject) m.body();
    if (isHeavy(op)) { // CPU-heavy: off the event loop
      vertx.executeBlocking(() -> reply(h.kind(), h.set(), op, q), false).onComplete(ar -> {
        if (ar.succeeded()) {
          m.reply(ar.result());
        } else {
          fail(m, ar.cause());
        }
      });
      return;
    }
    try {
      m.reply(reply(h.kind(), h.set(), op, q));
    } catch (RuntimeException e) {
      fail(m, e);
    }
  }

  /** The operation that answers a shard's whole copy as snapshot bytes ({@link #snapshot}), under {@code "bytes"}. */
  static final String SNAPSHOT = "snapshot";
  /** The operation that answers where a shard's bytes go ({@code SetFamily.parts}), under {@code "parts"}. */
  static final String PARTS = "parts";

  /** Whether {@code op} is CPU-heavy (a search, a whole copy), run on a worker, never on an event loop. */
  static boolean isHeavy(String op) {
    return ShardSearch.FUZZY.equals(op) || ShardSearch.MATCH.equals(op) || SNAPSHOT.equals(op) || PARTS.equals(op);
  }

  /** A lookup refused: over its search budget ({@link ShardSearch#OVER_BUDGET}, the budget as message), else 400 naming why. */
  private static void fail(Message<?> m, Throwable e) {
    if (e instanceof dev.sieve.words.SearchBudgetException b) {
      m.fail(ShardSearch.OVER_BUDGET, Long.toString(b.budget()));
    } else {
      m.fail(400, String.valueOf(e.getMessage()));
    }
  }

  /**
   * The copy of the shard at {@code address} held here as snapshot bytes, its pending updates
   * folded in (what a new copy of it is shipped as). Blocking: call on a worker.
   *
   * @throws IllegalStateException when this node holds no copy of that shard
   */
  byte[] snapshot(String address) {
    Held h = held.get(address);
    if (h == null) {
      throw new IllegalStateException("no copy of " + address + " here");
    }
    return reply(h.kind(), h.set(), SNAPSHOT, null).getBinary("bytes");
  }

  // ---------------------------------------------------------------- updating

  /**
   * Applies update {@code op} of {@code elements} ({@code {"words": [...]}} or {@code {"numbers":
   * [...]}}, every one within the shard's range) to the copy of the shard at {@code address}
   * held here, atomically for readers (they see the batch whole or not at all). Updates of one
   * shard come one at a time, in the order its primary set (see {@link ShardUpdates}). Blocking:
   * call on a worker.
   *
   * @return the shard's elements after it, and how many changed membership
   * @throws IllegalStateException when this node holds no copy of that shard
   */
  long[] apply(String address, UpdateOp op, JsonObject elements) {
    long[] answer = new long[2];
    Held h = held.computeIfPresent(address, (a, old) -> {
      if (old.kind() == SetKind.WORDS) {
        List<byte[]> words = new ArrayList<>();
        for (Object w : elements.getJsonArray("words")) {
          words.add(((String) w).getBytes(StandardCharsets.UTF_8));
        }
        WordDelta.Change c = op == UpdateOp.ADD ? ((WordDelta) old.set()).apply(words, List.of())
            : ((WordDelta) old.set()).apply(List.of(), words);
        WordDelta next = c.set();
        answer[1] = c.added() + c.removed(); // as a single node counts the words that changed membership
        if (next.addedCount() + next.removedCount() > FOLD_RATIO * Math.max(1, next.baseElements())) {
          next = WordDelta.of(next.compact()); // at most a quarter of the base: amortised O(1) a word
        }
        answer[0] = next.size();
        return old.with(next);
      }
      NumberSetBuilder b = new NumberSetBuilder();
      for (Object n : elements.getJsonArray("numbers")) {
        b.add(((Number) n).longValue());
      }
      NumberSet batch = b.build();
      NumberDelta.Change c = op == UpdateOp.ADD ? ((NumberDelta) old.set()).apply(batch, NumberSet.empty())
          : ((NumberDelta) old.set()).apply(NumberSet.empty(), batch);
      NumberDelta next = c.set();
      answer[1] = c.added() + c.removed();
      if (next.addedCount() + next.removedCount() > FOLD_RATIO * Math.max(1, next.baseElements())) {
        next = NumberDelta.of(next.compact());
      }
      answer[0] = next.cardinality();
      return old.with(next);
    });
    if (h == null) {
      throw new IllegalStateException("no copy of " + address + " here");
    }
    return answer;
  }

  private static JsonObject words(WordDelta set, String op, JsonObject q) {
    switch (op) {
      case "contains" -> {
        JsonArray present = new JsonArray();
        for (Object w : q.getJsonArray("words")) {
          present.add(set.contains((String) w));
        }
        return new JsonObject().put("present", present);
      }
      case "prefix" -> {
        String prefix = q.getString("prefix", "");
        return new JsonObject().put("count", set.count(prefix))
            .put("words", new JsonArray(set.list(prefix, q.getString("after"), q.getInteger("limit"))));
      }
      case "stats" -> {
        return new JsonObject().put("count", set.size()).put("bytes", set.byteSize());
      }
      case ShardSearch.FUZZY, ShardSearch.MATCH -> {
        return ShardSearch.answer(set, op, q);
      }
      default -> throw new IllegalArgumentException("unknown operation " + op);
    }
  }

  private static JsonObject numbers(NumberDelta set, String op, JsonObject q) {
    switch (op) {
      case "contains" -> {
        JsonArray present = new JsonArray();
        for (Object n : q.getJsonArray("numbers")) {
          present.add(set.contains(((Number) n).longValue()));
        }
        return new JsonObject().put("present", present);
      }
      case "range" -> {
        long first = q.getLong("first");
        long last = q.getLong("last");
        JsonArray page = new JsonArray();
        for (long v : set.list(q.getLong("start"), last, q.getInteger("limit"))) {
          page.add(v);
        }
        return new JsonObject().put("count", set.count(first, last)).put("numbers", page);
      }
      case "stats" -> {
        return new JsonObject().put("count", set.cardinality()).put("bytes", set.byteSize());
      }
      default -> throw new IllegalArgumentException("unknown operation " + op);
    }
  }
}
