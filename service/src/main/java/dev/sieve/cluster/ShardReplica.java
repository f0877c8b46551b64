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
 * once it holds a quarter of the base's elements, on a worker while its updates and reads go on.
 * With a data directory every copy is on disk too
 * ({@link ShardFiles}): its file written when stored and at each fold, its updates journaled
 * before they are acknowledged (see docs/CLUSTER.md).
 */
final class ShardReplica {
  private static final Logger LOG = Logger.getLogger(ShardReplica.class.getName());

  /**
   * A shard held here: the set (a {@link WordDelta} or a {@link NumberDelta}), its consumer, what its
   * file on disk says of it ({@link ShardFiles.Copy}), and the (term, seq) of the last update it took.
   */
  record Held(SetKind kind, String name, long version, int index, Object set, long bytes, MessageConsumer<Object> consumer,
      ShardFiles.Copy copy, long term, long seq) {
    Held with(Object set, long term, long seq) {
      return new Held(kind, name, version, index, set, bytes, consumer, copy, term, seq);
    }
  }

  /** A delta folds into a new base past this share of the base's elements: the single node's default. */
  static final double FOLD_RATIO = dev.sieve.registry.CompactionPolicy.DEFAULT_RATIO;

  private final Vertx vertx;
  private final Messages messages;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  /**
   * Copies shipped as the start of a new copy or a move ({@link #store} with header {@code stage}):
   * checked and on disk, but not served (no consumer, no local reads) until the updates the primary
   * took while it shipped them are applied ({@link #unstage}).
   */
  private final Map<String, Staged> staged = new ConcurrentHashMap<>();

  /**
   * How long a staged copy waits for the parts that make it current before it is dropped: longer
   * than the primary's wait for its answer to the shipping and then to the parts ({@link
   * Cluster#STORE_TIMEOUT_MILLIS} each), so a copy still under way is never dropped.
   */
  static final long STAGED_FOR_MILLIS = 3 * Cluster.STORE_TIMEOUT_MILLIS;

  /** A copy shipped and not served yet: the set as shipped, its position, its snapshot bytes' length. */
  private record Staged(ShardFiles.Copy copy, Object set, long bytes) {}

  /** A copy as it stood at one moment: its position ({@link ShardFiles.Copy#at}) and its (immutable) set. */
  record Captured(ShardFiles.Copy copy, Object set) {
    /** The set as snapshot bytes, its pending updates folded in (what a new copy ships). Blocking: on a worker. */
    byte[] bytes() {
      return reply(copy.kind(), set, SNAPSHOT, null).getBinary("bytes");
    }
  }
  /** The addresses of the copies whose fold runs now (at most one each). */
  private final java.util.Set<String> folding = ConcurrentHashMap.newKeySet();
  /** When a copy's last fold failed (a full disk, say), by address: not tried again for a while. */
  private final Map<String, Long> foldFailed = new ConcurrentHashMap<>();
  private static final long FOLD_RETRY_SECONDS = 10;
  /** The folds installed since the start: how many, their time, the delta bytes they folded (as a single node's). */
  private final dev.sieve.registry.CompactionStats.Tally folds = new dev.sieve.registry.CompactionStats.Tally();
  private final java.util.concurrent.atomic.AtomicLong foldFailures = new java.util.concurrent.atomic.AtomicLong();
  /** The copies' files and journal, or null: held in memory only (no data directory). */
  private final ShardFiles files;

  ShardReplica(Vertx vertx, Messages messages, ShardFiles files) {
    this(vertx, messages, files, STAGED_FOR_MILLIS);
  }

  /** As {@link #ShardReplica(Vertx, Messages, ShardFiles)}, a staged copy dropped after {@code stagedForMillis} (tests). */
  ShardReplica(Vertx vertx, Messages messages, ShardFiles files, long stagedForMillis) {
    this.vertx = vertx;
    this.messages = messages;
    this.files = files;
    this.stagedForMillis = stagedForMillis;
  }

  private final long stagedForMillis;

  /** The read address of one shard of one version of a set. */
  static String address(SetKind kind, String name, long version, int index) {
    return "sieve.shard/" + kind.wireName() + "/" + name + "/" + version + "/" + index;
  }

  /**
   * Stores a shipped shard ({@link Messages#store}; header {@code copy}: its {@link ShardFiles.Copy}
   * as JSON): reads it on a worker, writes its file (with a data directory), then consumes its
   * address; replies once registered. With header {@code stage}, it is held staged instead (not
   * served) until {@link #unstage}.
   */
  void store(Message<Buffer> m) {
    ShardFiles.Copy copy = ShardFiles.Copy.of(new JsonObject(m.headers().get("copy")));
    SetKind kind = copy.kind();
    String name = copy.name();
    long version = copy.version();
    int index = copy.shard().index();
    String checksum = m.headers().get("checksum");
    byte[] bytes = m.body().getBytes();
    vertx.executeBlocking(() -> {
      if (!ShardSplit.checksum(bytes).equals(checksum)) {
        throw new IllegalArgumentException("shard " + index + " of " + name + ": checksum mismatch");
      }
      Object set = read(kind, bytes);
      if (files != null) {
        files.write(copy, bytes);
      }
      return set;
    }, false).compose(set -> {
      if (m.headers().contains("stage")) {
        String address = address(kind, name, version, index);
        Staged st = new Staged(copy, set, bytes.length);
        staged.put(address, st);
        // a primary that died between shipping and the parts leaves it here: nobody else would drop it
        vertx.setTimer(stagedForMillis, t -> {
          if (staged.remove(address, st)) {
            LOG.warning("dropped the copy staged at " + address + ": its primary sent nothing more for "
                + stagedForMillis + " ms");
            deleteFiles(address, st.copy());
          }
        });
        return Future.succeededFuture();
      }
      return register(copy, set, bytes.length, copy.term(), copy.seq());
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply("stored");
      } else {
        LOG.warning("refused shard " + index + " of " + kind.wireName() + " " + name + " v" + version + ": " + ar.cause());
        m.fail(ShardUpdates.failureCode(ar.cause()), String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  private static Object read(SetKind kind, byte[] bytes) throws java.io.IOException {
    return kind == SetKind.WORDS
        ? (Object) WordDelta.of(WordSet.read(ByteBuffer.wrap(bytes)))
        : NumberDelta.of(NumberSetFormat.read(ByteBuffer.wrap(bytes)));
  }

  /** Holds {@code set} as copy {@code copy} at ({@code term}, {@code seq}), consuming its address (replacing an older registration). */
  private Future<Void> register(ShardFiles.Copy copy, Object set, long bytes, long term, long seq) {
    String address = address(copy.kind(), copy.name(), copy.version(), copy.shard().index());
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, lookup -> answer(address, lookup));
    Held h = new Held(copy.kind(), copy.name(), copy.version(), copy.shard().index(), set, bytes, consumer, copy, term, seq);
    Held old = held.put(address, h);
    if (old != null) {
      old.consumer().unregister();
    }
    return consumer.completion();
  }

  /**
   * Serves the copy staged at {@code address} once the updates {@code parts} ({@code [{"op",
   * "term", "seq", "elements"}...]}, those its primary took after the staged position, in order)
   * are applied to it, each journaled, all synced: then it consumes its address and answers reads
   * as current as its primary's. Fails if nothing is staged there (dropped meanwhile).
   */
  Future<Void> unstage(String address, JsonArray parts) {
    return vertx.executeBlocking(() -> {
      Staged s = staged.get(address);
      if (s == null) {
        throw new IllegalStateException("no copy of " + address + " staged here");
      }
      Object set = s.set();
      long term = s.copy().term();
      long seq = s.copy().seq();
      java.util.concurrent.CompletableFuture<Void> last = DURABLE;
      for (Object o : parts) {
        JsonObject p = (JsonObject) o;
        UpdateOp op = UpdateOp.valueOf(p.getString("op"));
        term = p.getLong("term");
        seq = p.getLong("seq");
        if (files != null) {
          last = files.append(s.copy(), op, term, seq, p.getJsonObject("elements"));
        }
        set = applied(s.copy().kind(), set, op, p.getJsonObject("elements"), new long[3]);
      }
      ShardFiles.await(last);
      return new CaughtUp(s, set, term, seq);
    }, false).compose(c -> staged.remove(address, c.staged())
        ? register(c.staged().copy(), c.set(), c.staged().bytes(), c.term(), c.seq())
        : Future.failedFuture(new IllegalStateException("the copy staged at " + address + " was dropped meanwhile")));
  }

  /** A staged copy with the parts it missed applied: its set, at ({@code term}, {@code seq}). */
  private record CaughtUp(Staged staged, Object set, long term, long seq) {}

  /** This copy of the shard at {@code address} as it stands now, or null (none held). */
  Captured capture(String address) {
    Held h = held.get(address);
    return h == null ? null : new Captured(h.copy().at(h.term(), h.seq()), h.set());
  }

  /**
   * Serves again a copy found on this node's disk ({@link ShardFiles#found}), chosen by a recovery:
   * its file read (checked), its journaled updates applied in order (not journaled again), then its
   * address consumed. Nothing is done if it is held already.
   */
  Future<Void> restore(ShardFiles.Found f) {
    ShardFiles.Copy c = f.copy();
    if (holds(address(c.kind(), c.name(), c.version(), c.shard().index()))) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      byte[] bytes = files.snapshot(c);
      Object set = read(c.kind(), bytes);
      for (ShardFiles.Update u : f.updates()) {
        set = applied(c.kind(), set, u.op(), u.elements(), new long[3]);
      }
      Object base = foldedBase(c.kind(), set);
      return base == null ? set : delta(base);
    }, false).compose(set -> register(c, set, c.shard().bytes(), f.term(), f.seq()));
  }

  /** Deletes a copy found on disk that no recovery chose (stale, or of a set replaced or removed since). */
  void discard(ShardFiles.Found f) {
    if (!holds(address(f.copy().kind(), f.copy().name(), f.copy().version(), f.copy().shard().index()))) {
      files.delete(f.copy());
    }
  }

  /** Drops the shards of set {@code name} older than {@code keep} (or, for an aborted load, of exactly {@code abort}). */
  void drop(SetKind kind, String name, long keep, long abort) {
    for (Map.Entry<String, Staged> e : List.copyOf(staged.entrySet())) {
      ShardFiles.Copy c = e.getValue().copy();
      if (c.kind() == kind && c.name().equals(name) && (c.version() < keep || c.version() == abort)) {
        dropShard(e.getKey());
      }
    }
    List<Held> dropped = new ArrayList<>();
    held.values().removeIf(h -> {
      boolean drop = h.kind() == kind && h.name().equals(name) && (h.version() < keep || h.version() == abort);
      if (drop) {
        h.consumer().unregister();
        dropped.add(h);
      }
      return drop;
    });
    dropped.forEach(this::deleteFiles); // once no longer held: deleteFiles skips a copy held again
  }

  /** Drops the copy of the shard at {@code address}, if held here: its consumer goes, so reads go to the other copies. */
  void dropShard(String address) {
    Staged st = staged.remove(address);
    Held h = held.remove(address);
    if (h != null) {
      h.consumer().unregister();
      deleteFiles(address, h.copy());
    } else if (st != null) {
      deleteFiles(address, st.copy());
    }
  }

  private void deleteFiles(Held h) {
    deleteFiles(address(h.kind(), h.name(), h.version(), h.index()), h.copy());
  }

  private void deleteFiles(String address, ShardFiles.Copy copy) {
    if (files != null) {
      vertx.executeBlocking(() -> {
        if (!held.containsKey(address) && !staged.containsKey(address)) { // not stored here again meanwhile
          files.delete(copy);
        }
        return null;
      }, false);
    }
  }

  /** The shards held now (a snapshot). */
  List<Held> held() {
    return new ArrayList<>(held.values());
  }

  /** Bytes of every shard held here (one per shard, whatever the replicas). */
  long bytes() {
    return held.values().stream().mapToLong(Held::bytes).sum();
  }

  /** The folds of the copies held here installed since the start: how many, their time, the delta bytes folded. */
  dev.sieve.registry.CompactionStats.Tally folds() {
    return folds;
  }

  /** The folds of the copies held here that failed since the start (their deltas went on serving). */
  long foldFailures() {
    return foldFailures.get();
  }

  /** How many copies' folds run now (for tests). */
  int foldsRunning() {
    return folding.size();
  }

  /** The copy of the shard at {@code address} held here, or null. */
  Held held(String address) {
    return held.get(address);
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

  /** The operation that answers a shard's whole copy as snapshot bytes ({@link Captured#bytes}), under {@code "bytes"}. */
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

  // ---------------------------------------------------------------- updating

  /**
   * What an update did to a copy: the shard's elements after it, how many changed membership, its
   * seq, and the future of its durability (complete at once without a data directory).
   */
  record Applied(long count, long changed, long seq, java.util.concurrent.CompletableFuture<Void> durable) {}

  private static final java.util.concurrent.CompletableFuture<Void> DURABLE =
      java.util.concurrent.CompletableFuture.completedFuture(null);

  /**
   * Applies update {@code op} of {@code elements} ({@code {"words": [...]}} or {@code {"numbers":
   * [...]}}, every one within the shard's range) to the copy of the shard at {@code address}
   * held here, atomically for readers (they see the batch whole or not at all), as update {@code
   * seq} of primary term {@code term} ({@code seq} below 0: the next of this copy, on the primary).
   * With a data directory it is journaled first (written to the file); the answer's future says
   * when it is on stable storage as {@code --fsync} says ({@link ShardFiles#await}: a batch of
   * updates waits for its last one's). A fold writes the copy's file again. Updates of one shard
   * come one at a time, in the order its primary set (see {@link ShardUpdates}). Blocking: call on
   * a worker.
   *
   * @throws IllegalStateException when this node holds no copy of that shard, or holds it at a later
   *     term than {@code term} (the update is an old primary's)
   */
  Applied apply(String address, UpdateOp op, JsonObject elements, long term, long seq) {
    long[] answer = new long[3];
    java.util.List<java.util.concurrent.CompletableFuture<Void>> durable = new ArrayList<>(1);
    Fold[] due = new Fold[1];
    Held h = held.computeIfPresent(address, (a, old) -> {
      if (term < old.term()) { // an old primary's, in flight or frozen: this copy took a newer one's already
        throw new IllegalStateException("update of term " + term + " refused: copy " + a + " is at term " + old.term());
      }
      long at = seq < 0 ? old.seq() + 1 : seq;
      answer[2] = at;
      try {
        if (files != null) {
          durable.add(files.append(old.copy(), op, term, at, elements));
        }
        Object next = applied(old.kind(), old.set(), op, elements, answer);
        if (wantsFold(old.kind(), next) && !foldFailedLately(a) && folding.add(a)) {
          // sealed, so that the updates taken while the fold runs stack above what it reads
          next = ((dev.sieve.delta.Tiered<?>) next).sealed();
          due[0] = new Fold(old, next, term, at, files == null ? -1 : files.lastRecord(old.copy()));
        }
        return old.with(next, term, Math.max(at, old.seq()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("copy " + a + " not updated: " + e.getMessage(), e);
      }
    });
    if (h == null) {
      throw new IllegalStateException("no copy of " + address + " here");
    }
    if (due[0] != null) {
      Fold f = due[0];
      long started = System.nanoTime();
      vertx.executeBlocking(() -> fold(address, f), false).onComplete(ar -> {
        if (ar.failed()) {
          foldFailures.incrementAndGet();
          foldFailed.put(address, System.nanoTime());
          LOG.warning("shard copy " + address + " not folded (its delta goes on serving; tried again in "
              + FOLD_RETRY_SECONDS + " s): " + ar.cause());
        } else {
          if (ar.result()) {
            folds.record(System.nanoTime() - started, ((dev.sieve.delta.Tiered<?>) f.sealed()).deltaBytes());
          }
          foldFailed.remove(address);
        }
        folding.remove(address);
      });
    }
    return new Applied(answer[0], answer[1], answer[2], durable.isEmpty() ? DURABLE : durable.get(0));
  }

  /**
   * A fold due on a copy: the copy as it was held, its set sealed at update ({@code term}, {@code
   * seq}), and the journal record of that update ({@link ShardFiles#lastRecord}; -1 without files).
   */
  private record Fold(Held held, Object sealed, long term, long seq, long record) {}

  /**
   * Folds {@code f}'s sealed set into a new base off the update path, as a single node's {@code
   * SetStore.compact} does: the shard's updates go on meanwhile (they stack above the sealed
   * levels) and its readers read the old version until the swap. Then, if the copy is still the
   * one sealed (not dropped, replaced or stored again meanwhile), its file is written with the new
   * base at the sealed update's position (the journal's records up to that update released, the
   * later ones kept for a restart to replay) and the set is put over the new base with only the
   * updates since: O(updates during the fold). Blocking: runs on a worker.
   *
   * @return whether the new base was installed (false: the copy went or changed meanwhile)
   */
  private boolean fold(String address, Fold f) throws java.io.IOException {
    Object base = f.held().kind() == SetKind.WORDS ? ((WordDelta) f.sealed()).compact() : ((NumberDelta) f.sealed()).compact();
    byte[] bytes = files == null ? null : base instanceof WordSet w ? ShardSplit.bytes(w) : ShardSplit.bytes((NumberSet) base);
    java.io.IOException[] failed = new java.io.IOException[1];
    boolean[] installed = new boolean[1];
    held.computeIfPresent(address, (a, cur) -> {
      if (cur.copy() != f.held().copy() || !sameBase(cur.set(), f.sealed())) {
        return cur; // dropped and stored again, or replaced, meanwhile
      }
      try {
        if (files != null) {
          files.write(cur.copy().at(f.term(), f.seq()), bytes, f.record());
        }
      } catch (java.io.IOException e) {
        failed[0] = e;
        return cur;
      }
      installed[0] = true;
      return cur.with(rebase(cur.set(), base, f.sealed()), cur.term(), cur.seq());
    });
    if (failed[0] != null) {
      throw failed[0];
    }
    return installed[0];
  }

  private boolean foldFailedLately(String address) {
    Long at = foldFailed.get(address);
    return at != null && System.nanoTime() - at < java.util.concurrent.TimeUnit.SECONDS.toNanos(FOLD_RETRY_SECONDS);
  }

  private static boolean sameBase(Object a, Object b) {
    return a instanceof WordDelta w ? w.base() == ((WordDelta) b).base() : ((NumberDelta) a).base() == ((NumberDelta) b).base();
  }

  private static Object rebase(Object current, Object base, Object folded) {
    return current instanceof WordDelta w ? w.rebase((WordSet) base, (WordDelta) folded)
        : ((NumberDelta) current).rebase((NumberSet) base, (NumberDelta) folded);
  }

  /** {@code set} (a {@link WordDelta} or a {@link NumberDelta}) after {@code op}; {@code answer}: its elements, then how many changed. */
  private static Object applied(SetKind kind, Object set, UpdateOp op, JsonObject elements, long[] answer) {
    if (kind == SetKind.WORDS) {
      List<byte[]> words = new ArrayList<>();
      for (Object w : elements.getJsonArray("words")) {
        words.add(((String) w).getBytes(StandardCharsets.UTF_8));
      }
      WordDelta.Change c = op == UpdateOp.ADD ? ((WordDelta) set).apply(words, List.of())
          : ((WordDelta) set).apply(List.of(), words);
      answer[1] = c.added() + c.removed(); // as a single node counts the words that changed membership
      answer[0] = c.set().size();
      return c.set();
    }
    NumberSetBuilder b = new NumberSetBuilder();
    for (Object n : elements.getJsonArray("numbers")) {
      b.add(((Number) n).longValue());
    }
    NumberSet batch = b.build();
    NumberDelta.Change c = op == UpdateOp.ADD ? ((NumberDelta) set).apply(batch, NumberSet.empty())
        : ((NumberDelta) set).apply(NumberSet.empty(), batch);
    answer[1] = c.added() + c.removed();
    answer[0] = c.set().cardinality();
    return c.set();
  }

  /** A delta with nothing pending over {@code base} (a {@link WordSet} or a {@link NumberSet}). */
  private static Object delta(Object base) {
    return base instanceof WordSet w ? WordDelta.of(w) : NumberDelta.of((NumberSet) base);
  }

  /**
   * {@code set}'s new base (a {@link WordSet} or a {@link NumberSet}) once its delta passes a quarter
   * of the base (amortised O(1) an element), else null.
   */
  private static Object foldedBase(SetKind kind, Object set) {
    if (!wantsFold(kind, set)) {
      return null;
    }
    return kind == SetKind.WORDS ? ((WordDelta) set).compact() : ((NumberDelta) set).compact();
  }

  /** Whether {@code set}'s delta holds more than {@link #FOLD_RATIO} of its base's elements. */
  private static boolean wantsFold(SetKind kind, Object set) {
    if (kind == SetKind.WORDS) {
      WordDelta d = (WordDelta) set;
      return d.addedCount() + d.removedCount() > FOLD_RATIO * Math.max(1, d.baseElements());
    }
    NumberDelta d = (NumberDelta) set;
    return d.addedCount() + d.removedCount() > FOLD_RATIO * Math.max(1, d.baseElements());
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
