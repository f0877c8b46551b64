package dev.sieve.cluster;

import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetUnavailableException;
import dev.sieve.registry.UpdateOp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Updates (add, remove) of cluster sets: primary-ordered, replicated to every live copy before
 * the answer.
 *
 * <ol>
 *   <li>The node a client asked splits the batch by shard and sends each part to the shard's
 *       primary, its first owner in the shard map ({@link Messages#update}).
 *   <li>The primary refuses without the quorum (the minority side of a partition acknowledges no
 *       write), and sends the part back to be routed again unless its copy of the shard map names
 *       it the shard's primary and its lease holds ({@link PrimaryLease}); a new primary first
 *       waits out its predecessor's lease. Then it takes the updates of one shard in arrival
 *       order, one batch at a time (the parts that arrived while the previous batch ran): journals and applies each to its own
 *       copy, syncs once, sends the batch to the shard's other owners ({@link Messages#replicate})
 *       and waits until each live one has journaled, synced and applied it. An owner that left the
 *       cluster is skipped.
 *   <li>The asking node answers once every part was acknowledged. A part that fails for want of a
 *       primary (a dead node not yet detected, a new primary not yet known) is sent again, on the
 *       shard map as it stands then, for up to {@link #RETRY_FOR_MILLIS}: adding or removing a
 *       word twice changes nothing, so a copy that had applied it already is left as it was.
 * </ol>
 *
 * So an acknowledged update is journaled (synced as {@code --fsync} says) and applied on every live
 * copy of its shards, numbered by the primary (the shard's {@code seq}, in the primary's term):
 * it survives the death of up to {@code --replicas - 1} of their owners, and the stop of all of
 * them ({@link ShardRecovery}). Conflicting updates of one element sent at the same time through
 * different nodes are ordered by the primary, never by two at once: a copy refuses an update of an
 * older term than it knows (an old primary's, frozen or cut off), and an old primary's lease ends
 * before its successor takes updates.
 */
final class ShardUpdates {
  /** One part's wait for its primary (which waits for its replicas) before trying again. */
  static final long UPDATE_TIMEOUT_MILLIS = 5_000;
  static final String NO_QUORUM = "no quorum: this node is on the minority side of a partition and acknowledges no update";
  /**
   * How long the node a client asked keeps sending a part again: a dead primary is detected within
   * 5 s ({@link ClusterStart}), and its successor then waits {@value PrimaryLease#TAKEOVER_MILLIS} ms
   * before it takes updates ({@link PrimaryLease}).
   */
  static final long RETRY_FOR_MILLIS = 15_000;

  private final Vertx vertx;
  private final Messages messages;
  private final ShardReplica replica;
  private final ShardMapStore shardMap;
  private final Supplier<List<String>> members;
  private final BooleanSupplier quorum;
  private final String nodeId;
  private final PrimaryLease lease;
  /** Per shard this node is primary of: the last update queued (touched on this node's event loop only). */
  private final Map<String, Future<?>> queued = new HashMap<>();

  ShardUpdates(Vertx vertx, Messages messages, ShardReplica replica, ShardMapStore shardMap, Supplier<List<String>> members,
      BooleanSupplier quorum, String nodeId, PrimaryLease lease) {
    this.vertx = vertx;
    this.lease = lease;
    this.messages = messages;
    this.replica = replica;
    this.shardMap = shardMap;
    this.members = members;
    this.quorum = quorum;
    this.nodeId = nodeId;
  }

  /** What an update did to a cluster set: elements whose membership changed. */
  record Done(long changed) {}

  // ---------------------------------------------------------------- the node a client asked

  /**
   * Applies {@code op} of the elements {@code parts} holds, by shard index ({@code {"words":
   * [...]}} or {@code {"numbers": [...]}}, each within its shard's range), to set {@code entry}.
   */
  Future<Done> update(ShardedSet entry, UpdateOp op, Map<Integer, JsonObject> parts) {
    if (!quorum.getAsBoolean()) { // the primaries check it too: a node on the minority side may still see some
      return Future.failedFuture(new SetUnavailableException(NO_QUORUM));
    }
    List<Future<JsonObject>> sent = new ArrayList<>();
    long deadline = System.nanoTime() + RETRY_FOR_MILLIS * 1_000_000;
    for (Map.Entry<Integer, JsonObject> part : parts.entrySet()) {
      Promise<JsonObject> done = Promise.promise();
      send(entry, op, part.getKey(), part.getValue(), deadline, done);
      sent.add(done.future());
    }
    return Future.all(sent).map(all -> {
      long changed = 0;
      for (Future<JsonObject> f : sent) {
        changed += f.result().getLong("changed");
      }
      return new Done(changed);
    });
  }

  private void send(ShardedSet entry, UpdateOp op, int index, JsonObject part, long deadline, Promise<JsonObject> done) {
    String primary = entry.shards().get(index).owners().isEmpty() ? null : entry.shards().get(index).owners().get(0);
    Future<JsonObject> asked = primary == null
        ? Future.failedFuture(new ReplyException(ReplyFailure.NO_HANDLERS, "no live owner"))
        : vertx.eventBus().<JsonObject>request(Messages.update(primary), part, headers(entry, op, index, UPDATE_TIMEOUT_MILLIS))
            .map(Message::body);
    asked.onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else if (refused(ar.cause()) || System.nanoTime() > deadline) {
        done.fail(ar.cause());
      } else {
        vertx.setTimer(Cluster.RETRY_PAUSE_MILLIS, t -> shardMap.refresh(entry.kind(), entry.name()).onComplete(fresh -> {
          if (fresh.succeeded() && fresh.result() == null) {
            done.fail(new dev.sieve.registry.NoSuchSetException(entry.kind(), entry.name()));
          } else if (fresh.succeeded() && fresh.result().version() != entry.version()) {
            done.fail(new IllegalStateException("set " + entry.name() + " was replaced during the update: send it again"));
          } else {
            send(fresh.succeeded() ? fresh.result() : entry, op, index, part, deadline, done);
          }
        }));
      }
    });
  }

  /** A message's failure code when a disk was full: the journal record or the copy could not be written (HTTP's 507). */
  static final int NO_SPACE = 507;

  /** A refusal to answer as it is (bad input, no quorum, a full disk), not a primary to look for elsewhere. */
  private static boolean refused(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && (r.failureCode() == 400 || r.failureCode() == 503 || r.failureCode() == NO_SPACE);
  }

  /** The failure code of a message that failed with {@code cause}: {@link #NO_SPACE} for a full disk (here or at a copy's node), else 500. */
  static int failureCode(Throwable cause) {
    return dev.sieve.store.NoSpaceException.isNoSpace(cause) ? NO_SPACE : 500;
  }

  private DeliveryOptions headers(ShardedSet entry, UpdateOp op, int index, long timeout) {
    return messages.options(timeout).addHeader("kind", entry.kind().wireName()).addHeader("name", entry.name())
        .addHeader("version", Long.toString(entry.version())).addHeader("index", Integer.toString(index))
        .addHeader("op", op.name());
  }

  // ---------------------------------------------------------------- the primary

  /**
   * A part sent to this node as the shard's primary ({@link Messages#update}): queued behind the
   * shard's earlier ones. Parts that arrive while the shard's turn is taken wait together and go
   * as one batch (group commit at the shard: one sync here, one message to each other copy and
   * one sync there, for every part of it), each part still answered on its own.
   */
  void primary(Message<JsonObject> m) {
    if (!quorum.getAsBoolean()) {
      m.fail(503, NO_QUORUM);
      return;
    }
    String refusal = notPrimary(shardMap.get(SetKind.fromWireName(m.headers().get("kind")), m.headers().get("name")),
        Long.parseLong(m.headers().get("version")), Integer.parseInt(m.headers().get("index")));
    if (refusal != null) {
      m.fail(500, refusal); // not refused() as final: the asker reads the map again and sends it where it says
      return;
    }
    String address = address(m);
    List<Message<JsonObject>> batch = waiting.get(address);
    if (batch != null) { // a batch is queued and has not started yet: this part joins it
      batch.add(m);
      return;
    }
    List<Message<JsonObject>> fresh = new ArrayList<>();
    fresh.add(m);
    waiting.put(address, fresh);
    inTurn(address, () -> applyAndReplicate(address, waiting.remove(address)));
  }

  static final String LEASE_LAPSED = "this node's primary lease lapsed: it takes no update until a quorum of members"
      + " counts it in again";

  /**
   * Why this node may not take updates of shard {@code index} of version {@code version} as its
   * primary, or null: its copy of the shard map ({@code known}) must name it the shard's first
   * owner at that version, and its lease ({@link PrimaryLease}) must hold.
   */
  private String notPrimary(ShardedSet known, long version, int index) {
    if (known == null || known.version() != version || index >= known.shards().size()
        || known.shards().get(index).owners().isEmpty() || !known.shards().get(index).owners().get(0).equals(nodeId)) {
      return "this node is not the primary of shard " + index + " of version " + version + " in its shard map";
    }
    return lease.valid() ? null : LEASE_LAPSED;
  }

  /** Per shard this node is primary of: the parts waiting for the next batch (this node's event loop only). */
  private final Map<String, List<Message<JsonObject>>> waiting = new HashMap<>();

  /** Runs {@code task} on shard {@code address} once the shard's earlier tasks are done; its outcome. */
  private <T> Future<T> inTurn(String address, Supplier<Future<T>> task) {
    Future<?> before = queued.getOrDefault(address, Future.succeededFuture());
    Future<T> mine = before.transform(ignored -> task.get());
    queued.put(address, mine);
    mine.onComplete(ar -> {
      if (queued.get(address) == mine) {
        queued.remove(address);
      }
    });
    return mine;
  }

  /**
   * Applies the parts {@code batch} (of one shard, in arrival order) to this node's copy, each
   * journaled, all synced once, then sends them as one message to the shard's other live owners
   * and waits until each has journaled, synced and applied them; then answers each part ({@code
   * changed}, {@code count}), or fails them all (500: the askers send them again; a part refused
   * as bad input alone fails with 400).
   */
  private Future<Void> applyAndReplicate(String address, List<Message<JsonObject>> batch) {
    Message<JsonObject> first = batch.get(0);
    SetKind kind = SetKind.fromWireName(first.headers().get("kind"));
    String name = first.headers().get("name");
    int index = Integer.parseInt(first.headers().get("index"));
    long version = Long.parseLong(first.headers().get("version"));
    ShardedSet known = shardMap.get(kind, name);
    String refusal = notPrimary(known, version, index);
    if (refusal != null) {
      return answer(batch, Future.failedFuture(new IllegalStateException(refusal)));
    }
    long term = known.shards().get(index).term();
    long wait = lease.takeoverMillis(known, index, term);
    if (wait > 0) { // a new primary: the old one's lease may still run (PrimaryLease)
      Promise<Void> later = Promise.promise();
      vertx.setTimer(wait, t -> applyAndReplicate(address, batch).onComplete(later));
      return later.future();
    }
    Future<List<Object>> done = vertx.executeBlocking(() -> {
      List<Object> applied = new ArrayList<>(batch.size()); // ShardReplica.Applied, or the refusal of bad input
      java.util.concurrent.CompletableFuture<Void> last = java.util.concurrent.CompletableFuture.completedFuture(null);
      for (Message<JsonObject> m : batch) {
        try {
          ShardReplica.Applied a = replica.apply(address, UpdateOp.valueOf(m.headers().get("op")), m.body(), term, -1);
          applied.add(a);
          last = a.durable();
        } catch (IllegalArgumentException e) {
          applied.add(e);
        }
      }
      ShardFiles.await(last); // the last record's sync covers the batch's
      return applied;
    }, false).compose(applied -> {
      JsonArray parts = new JsonArray();
      for (int i = 0; i < batch.size(); i++) {
        if (applied.get(i) instanceof ShardReplica.Applied a) {
          parts.add(new JsonObject().put("op", batch.get(i).headers().get("op")).put("seq", a.seq())
              .put("elements", batch.get(i).body()));
        }
      }
      for (Tail tail : tails.getOrDefault(address, List.of())) { // new copies under way: they get these parts too
        for (Object p : parts) {
          tail.parts.add(((JsonObject) p).copy().put("term", term));
        }
      }
      ShardedSet entry = shardMap.get(kind, name);
      List<Future<Object>> copies = new ArrayList<>();
      if (!parts.isEmpty() && entry != null && entry.version() == Long.parseLong(first.headers().get("version"))) {
        JsonObject body = new JsonObject().put("term", term).put("parts", parts);
        for (String owner : entry.shards().get(index).owners()) {
          if (!owner.equals(nodeId)) {
            copies.add(vertx.eventBus().request(Messages.replicate(owner), body, sameShard(first, UPDATE_TIMEOUT_MILLIS))
                .map(Message::body).recover(e -> members.get().contains(owner)
                    ? Future.failedFuture(e) : Future.succeededFuture())); // an owner that left: skipped
          }
        }
      }
      return Future.all(copies).map(applied);
    }).compose(applied -> lease.valid() ? Future.succeededFuture(applied)
        : Future.failedFuture(new IllegalStateException(LEASE_LAPSED + " (before its copies answered)")));
    return answer(batch, done);
  }

  /**
   * Answers each part of {@code batch} from {@code done}: its {@code changed} and the shard's {@code
   * count}, or the refusal of that part (400), or the failure of all (500 or 507: the askers send
   * them again, on the map as it stands then).
   */
  private static Future<Void> answer(List<Message<JsonObject>> batch, Future<List<Object>> done) {
    return done.transform(ar -> {
      for (int i = 0; i < batch.size(); i++) {
        Message<JsonObject> m = batch.get(i);
        if (ar.failed()) {
          m.fail(failureCode(ar.cause()), String.valueOf(ar.cause().getMessage()));
        } else if (ar.result().get(i) instanceof ShardReplica.Applied a) {
          m.reply(new JsonObject().put("changed", a.changed()).put("count", a.count()));
        } else {
          m.fail(400, String.valueOf(((RuntimeException) ar.result().get(i)).getMessage()));
        }
      }
      return Future.succeededFuture();
    });
  }

  // ---------------------------------------------------------------- a new copy

  /**
   * A shard this node is primary of, to copy onto member {@code to} ({@link Messages#recopy},
   * sent by the node that rewrote the owners after a death): {@link #newCopy}, then {@code to} is
   * added to the shard's owners in the map (compare-and-set, again on a conflict with another
   * shard's rewrite), still in the shard's turn, so the shard's later updates are replicated to
   * the new copy too. No acknowledged update misses it.
   */
  void recopy(Message<JsonObject> m) {
    String to = m.body().getString("to");
    answer(m, newCopy(m, to, () -> rewriteOwners(m, null, to)));
  }

  /**
   * A copy of a shard this node is primary of, to move from member {@code from} onto member {@code
   * to} ({@link Messages#move}, sent by the oldest member when the copies' bytes are uneven, as
   * after a member joined: {@link Placement#move}): {@link #newCopy}, then, still in the shard's
   * turn, {@code to} takes {@code from}'s place among the owners in the map (compare-and-set), then
   * {@code from} is told to drop its copy, and only then do the shard's later updates run. Until
   * the drop, {@code from}'s copy is as current as the new one (no update runs in between), so a
   * read it answers meanwhile is right.
   */
  void move(Message<JsonObject> m) {
    String from = m.body().getString("from");
    String to = m.body().getString("to");
    answer(m, newCopy(m, to, () -> rewriteOwners(m, from, to)
        .compose(owners -> vertx.eventBus().request(Messages.drop(from), null, sameShard(m, UPDATE_TIMEOUT_MILLIS))
            .otherwise(e -> null) // a member gone meanwhile has no copy left to drop
            .map(owners))));
  }

  /**
   * A new copy of the shard {@code m} names on member {@code to}, without holding the shard's
   * updates while it is made and shipped:
   * <ol>
   *   <li>in the shard's turn, this node's copy is taken as it stands (its set is immutable) and
   *       the parts the shard takes from then on are kept ({@link Tail});
   *   <li>out of turn, on a worker, that copy is folded into snapshot bytes and shipped to {@code
   *       to}, which checks it, writes it and holds it staged (not served);
   *   <li>in the shard's turn again, the parts kept meanwhile are sent to {@code to}, which applies
   *       and journals them and only then serves the copy ({@link ShardReplica#unstage}); then
   *       {@code then} (the owners' rewrite) runs in the same turn.
   * </ol>
   * The shard's updates wait only for steps 1 and 3 (a few milliseconds and one message), not
   * for the fold and the shipping, which took about a second a copy of wamerican-insane's
   * 221k-word shards (docs/CLUSTER.md). A failure anywhere tells {@code to} to drop what it got,
   * unless the map names it an owner.
   */
  private Future<JsonObject> newCopy(Message<JsonObject> m, String to, Supplier<Future<JsonObject>> then) {
    String address = address(m);
    Tail tail = new Tail();
    Future<ShardReplica.Captured> captured = inTurn(address, () -> asPrimary(m).compose(primary -> {
      ShardReplica.Captured c = replica.capture(address);
      if (c == null) {
        return Future.failedFuture(new IllegalStateException("no copy of " + address + " here"));
      }
      tails.computeIfAbsent(address, k -> new ArrayList<>()).add(tail);
      return Future.succeededFuture(c);
    }));
    return captured.compose(c -> vertx.executeBlocking(c::bytes, false).compose(bytes -> {
      DeliveryOptions o = sameShard(m, Cluster.STORE_TIMEOUT_MILLIS).addHeader("checksum", ShardSplit.checksum(bytes))
          .addHeader("copy", c.copy().toJson().encode()).addHeader("stage", "true");
      return vertx.eventBus().request(Messages.store(to), io.vertx.core.buffer.Buffer.buffer(bytes), o);
    })).compose(stored -> inTurn(address, () -> asPrimary(m).compose(primary -> {
      forget(address, tail);
      return vertx.eventBus().request(Messages.unstage(to), new JsonObject().put("parts", tail.parts),
          sameShard(m, Cluster.STORE_TIMEOUT_MILLIS));
    }).compose(unstaged -> then.get()))).recover(e -> {
      forget(address, tail);
      return dropUnlessOwner(m, to).compose(x -> Future.failedFuture(e));
    });
  }

  /** The parts a shard took while a new copy of it was made and shipped (an object per copy under way). */
  private static final class Tail {
    final JsonArray parts = new JsonArray();
  }

  /** Per shard this node is primary of: the new copies under way, each keeping the parts taken since (this node's event loop only). */
  private final Map<String, List<Tail>> tails = new HashMap<>();

  private void forget(String address, Tail tail) {
    List<Tail> list = tails.get(address);
    if (list != null && list.remove(tail) && list.isEmpty()) {
      tails.remove(address);
    }
  }

  /** Answers {@code m} with {@code done}'s result, or its failure: 400 for bad input, else 500 (or 507). */
  private static void answer(Message<JsonObject> m, Future<JsonObject> done) {
    done.onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(ar.result());
      } else {
        m.fail(ar.cause() instanceof IllegalArgumentException ? 400 : failureCode(ar.cause()), String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  /**
   * A staged copy's catching up ({@link Messages#unstage}, sent by the shard's primary): the parts
   * it took while the copy was shipped applied and journaled, then the copy served ({@link
   * ShardReplica#unstage}).
   */
  void unstage(Message<JsonObject> m) {
    replica.unstage(address(m), m.body().getJsonArray("parts")).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply("serving");
      } else {
        m.fail(failureCode(ar.cause()), String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  /**
   * Fails unless this node is the primary of the shard {@code m} names, as the map holds it now
   * (not this node's copy of it, which may lag an owners' rewrite): only the primary's turn orders
   * the shard's updates, so a copy made elsewhere might miss one.
   */
  private Future<Void> asPrimary(Message<JsonObject> m) {
    int index = Integer.parseInt(m.headers().get("index"));
    return shardMap.refresh(SetKind.fromWireName(m.headers().get("kind")), m.headers().get("name")).compose(entry -> {
      if (entry == null || entry.version() != Long.parseLong(m.headers().get("version"))
          || entry.shards().get(index).owners().isEmpty() || !entry.shards().get(index).owners().get(0).equals(nodeId)) {
        return Future.failedFuture(new IllegalStateException("not the primary of shard " + index + " of "
            + m.headers().get("name") + " v" + m.headers().get("version")));
      }
      return Future.succeededFuture();
    });
  }

  /**
   * After a new copy failed (not stored, or the map not rewritten): tells {@code to} to drop what it
   * may have been sent, unless the map names it an owner of the shard. A copy the map does not name
   * gets no updates, so it must not answer reads.
   */
  private Future<Void> dropUnlessOwner(Message<JsonObject> m, String to) {
    SetKind kind = SetKind.fromWireName(m.headers().get("kind"));
    int index = Integer.parseInt(m.headers().get("index"));
    long version = Long.parseLong(m.headers().get("version"));
    return shardMap.refresh(kind, m.headers().get("name")).transform(ar -> {
      boolean owner = ar.succeeded() && ar.result() != null && ar.result().version() == version
          && ar.result().shards().get(index).owners().contains(to);
      return owner ? Future.succeededFuture()
          : vertx.eventBus().request(Messages.drop(to), null, sameShard(m, UPDATE_TIMEOUT_MILLIS)).<Void>mapEmpty().otherwise((Void) null);
    });
  }

  /**
   * Replaces {@code from} (null: none) by {@code to} among the owners of the shard {@code m}
   * names, in the map's entry, by compare-and-set: {@code {"owners": [...]}} after it.
   */
  private Future<JsonObject> rewriteOwners(Message<JsonObject> m, String from, String to) {
    SetKind kind = SetKind.fromWireName(m.headers().get("kind"));
    int index = Integer.parseInt(m.headers().get("index"));
    return rewriteOwners(kind, m.headers().get("name"), Long.parseLong(m.headers().get("version")), index, from, to, 10)
        .map(entry -> new JsonObject().put("owners", new JsonArray(entry.shards().get(index).owners())));
  }

  /** Options naming the shard {@code m} names (kind, name, version, index), with a timeout. */
  private DeliveryOptions sameShard(Message<JsonObject> m, long timeoutMillis) {
    return messages.options(timeoutMillis).addHeader("kind", m.headers().get("kind"))
        .addHeader("name", m.headers().get("name")).addHeader("version", m.headers().get("version"))
        .addHeader("index", m.headers().get("index"));
  }

  private Future<ShardedSet> rewriteOwners(SetKind kind, String name, long version, int index, String from, String to,
      int tries) {
    return shardMap.refresh(kind, name).compose(current -> {
      if (current == null || current.version() != version) {
        return Future.failedFuture(new IllegalStateException("set " + name + " v" + version + " was replaced or removed"));
      }
      List<ShardedSet.Shard> shards = new ArrayList<>(current.shards());
      ShardedSet.Shard sh = shards.get(index);
      List<String> owners = new ArrayList<>(sh.owners());
      owners.remove(from);
      if (!owners.contains(to)) {
        owners.add(to);
      }
      if (owners.equals(sh.owners())) {
        return Future.succeededFuture(current);
      }
      shards.set(index, sh.withOwners(owners));
      ShardedSet next = current.withShards(shards);
      return shardMap.replaceIfSame(current, next).compose(done -> done ? Future.succeededFuture(next)
          : tries > 1 ? rewriteOwners(kind, name, version, index, from, to, tries - 1)
          : Future.failedFuture(new IllegalStateException("the shard map's entry of " + name + " kept changing")));
    });
  }

  // ---------------------------------------------------------------- the other owners

  /** A copy this node holds that the map no longer gives it ({@link Messages#drop}): dropped, its reads go to the others. */
  void drop(Message<Object> m) {
    replica.dropShard(address(m));
    m.reply("dropped");
  }

  /**
   * The parts the shard's primary applied, sent to this node as another owner ({@link
   * Messages#replicate}: {@code {"term", "parts": [{"op", "seq", "elements"}...]}}): applied in
   * order, each journaled, all synced once, then answered ({@code changed} per part).
   */
  void copy(Message<JsonObject> m) {
    long term = m.body().getLong("term");
    JsonArray parts = m.body().getJsonArray("parts");
    ShardedSet known = shardMap.get(SetKind.fromWireName(m.headers().get("kind")), m.headers().get("name"));
    int index = Integer.parseInt(m.headers().get("index"));
    if (known != null && known.version() == Long.parseLong(m.headers().get("version")) && index < known.shards().size()
        && term < known.shards().get(index).term()) {
      // an old primary's (frozen, or cut off and not yet aware): the shard has a newer one
      m.fail(409, "update of term " + term + " refused: the shard map holds term " + known.shards().get(index).term());
      return;
    }
    vertx.executeBlocking(() -> {
      JsonArray changed = new JsonArray();
      java.util.concurrent.CompletableFuture<Void> last = java.util.concurrent.CompletableFuture.completedFuture(null);
      for (Object o : parts) {
        JsonObject p = (JsonObject) o;
        ShardReplica.Applied a = replica.apply(address(m), UpdateOp.valueOf(p.getString("op")), p.getJsonObject("elements"),
            term, p.getLong("seq"));
        changed.add(a.changed());
        last = a.durable();
      }
      ShardFiles.await(last);
      return changed;
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(new JsonObject().put("changed", ar.result()));
      } else {
        m.fail(failureCode(ar.cause()), String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  private static String address(Message<?> m) {
    return ShardReplica.address(SetKind.fromWireName(m.headers().get("kind")), m.headers().get("name"),
        Long.parseLong(m.headers().get("version")), Integer.parseInt(m.headers().get("index")));
  }

  /** The parts of a word batch by shard of {@code entry}. */
  static Map<Integer, JsonObject> words(ShardedSet entry, List<String> words) {
    return parts("words", words.size(), i -> entry.shardOfWord(words.get(i)), words::get);
  }

  /** The parts of a number batch by shard of {@code entry}. */
  static Map<Integer, JsonObject> numbers(ShardedSet entry, long[] numbers) {
    return parts("numbers", numbers.length, i -> entry.shardOfNumber(numbers[i]), i -> numbers[i]);
  }

  /** {@code {field: [...]}} by shard index, each holding the elements of its shard in batch order. */
  private static Map<Integer, JsonObject> parts(String field, int size, java.util.function.IntUnaryOperator shardOf,
      java.util.function.IntFunction<Object> element) {
    Map<Integer, JsonObject> parts = new java.util.TreeMap<>();
    for (int i = 0; i < size; i++) {
      parts.computeIfAbsent(shardOf.applyAsInt(i), k -> new JsonObject().put(field, new JsonArray()))
          .getJsonArray(field).add(element.apply(i));
    }
    return parts;
  }
}
