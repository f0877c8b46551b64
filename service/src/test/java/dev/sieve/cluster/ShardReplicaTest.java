package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.UpdateOp;
import dev.sieve.store.FsyncPolicy;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard copy's updates and folds ({@link ShardReplica#apply}): a fold runs off the update path
 * while updates go on, and the copy after it, and after a restart from its file and journal, holds
 * exactly what every update acknowledged made of it (a {@code TreeSet} oracle).
 */
class ShardReplicaTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void wordUpdatesDuringFoldsAreKeptInMemoryAndAfterARestart(@TempDir Path dir) throws Exception {
    Random rnd = new Random(20261206);
    TreeSet<String> oracle = new TreeSet<>();
    while (oracle.size() < 2_000) {
      oracle.add(word(rnd));
    }
    byte[] bytes = ShardSplit.bytes(WordSet.of(oracle));
    ShardFiles.Copy copy = copy(SetKind.WORDS, null, bytes, oracle.size());
    String address = ShardReplica.address(SetKind.WORDS, copy.name(), copy.version(), 0);
    long seq = 0;
    try (ShardFiles files = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      ShardReplica replica = held(files, copy, bytes);
      for (int i = 0; i < 3_000; i++) {
        boolean add = oracle.isEmpty() || rnd.nextInt(4) != 0;
        String w = word(rnd);
        if (!add) { // mostly a member
          String member = oracle.ceiling(w);
          w = member == null ? oracle.first() : member;
        }
        UpdateOp op = add ? UpdateOp.ADD : UpdateOp.REMOVE;
        ShardReplica.Applied a = replica.apply(address, op, new JsonObject().put("words", new JsonArray().add(w)), 1, -1);
        ShardFiles.await(a.durable());
        seq = a.seq();
        if (add) {
          oracle.add(w);
        } else {
          oracle.remove(w);
        }
        assertEquals(oracle.size(), a.count());
      }
      waitForFolds(replica);
      WordDelta set = (WordDelta) replica.held().get(0).set();
      assertTrue(set.baseElements() > 2_000, "no fold ran: " + set);
      assertTrue(replica.folds().count() > 0 && replica.folds().nanos() > 0 && replica.folds().bytes() > 0, "folds counted");
      assertEquals(0, replica.foldFailures());
      assertWords(oracle, set);
    }
    long last = seq;
    assertWords(oracle, (WordDelta) restarted(dir, f -> {
      assertTrue(f.copy().seq() > 0, "the file was written again by a fold");
      assertEquals(last, f.seq());
      assertEquals(last - f.copy().seq(), f.updates().size(), "the updates after the fold, and only they, replay");
    }));
  }

  @Test
  void numberUpdatesDuringFoldsAreKeptInMemoryAndAfterARestart(@TempDir Path dir) throws Exception {
    Random rnd = new Random(7);
    TreeSet<Long> oracle = new TreeSet<>();
    while (oracle.size() < 1_000) {
      oracle.add(number(rnd));
    }
    NumberSetBuilder b = new NumberSetBuilder();
    oracle.forEach(b::add);
    byte[] bytes = ShardSplit.bytes(b.build());
    ShardFiles.Copy copy = copy(SetKind.NUMBERS, "RoaringBitmap", bytes, oracle.size());
    String address = ShardReplica.address(SetKind.NUMBERS, copy.name(), copy.version(), 0);
    try (ShardFiles files = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      ShardReplica replica = held(files, copy, bytes);
      for (int i = 0; i < 2_000; i++) {
        long n = number(rnd);
        UpdateOp op = rnd.nextInt(3) == 0 ? UpdateOp.REMOVE : UpdateOp.ADD;
        ShardFiles.await(replica.apply(address, op, new JsonObject().put("numbers", new JsonArray().add(n)), 1, -1).durable());
        if (op == UpdateOp.ADD) {
          oracle.add(n);
        } else {
          oracle.remove(n);
        }
      }
      waitForFolds(replica);
      NumberDelta set = (NumberDelta) replica.held().get(0).set();
      assertTrue(set.baseElements() > 1_000, "no fold ran: " + set);
      assertNumbers(oracle, set);
    }
    assertNumbers(oracle, (NumberDelta) restarted(dir, f -> { }));
  }

  /**
   * A copy that took an update of a new primary's term refuses the old primary's later ones
   * (frozen, or still sending): nothing of them is applied or journaled, and the copy after a
   * restart holds the same.
   */
  @Test
  void anUpdateOfAnOlderTermThanTheCopyTookIsRefused(@TempDir Path dir) throws Exception {
    TreeSet<String> oracle = hundredWords(); // enough that three updates fold nothing: the journal holds them all
    byte[] bytes = ShardSplit.bytes(WordSet.of(oracle));
    ShardFiles.Copy copy = copy(SetKind.WORDS, null, bytes, oracle.size());
    String address = ShardReplica.address(SetKind.WORDS, copy.name(), copy.version(), 0);
    try (ShardFiles files = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      ShardReplica replica = held(files, copy, bytes);
      ShardFiles.await(replica.apply(address, UpdateOp.ADD, words("old"), 1, 1).durable()); // the first primary's
      ShardFiles.await(replica.apply(address, UpdateOp.ADD, words("new"), 2, 2).durable()); // its successor's
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> replica.apply(address, UpdateOp.REMOVE, words("new"), 1, 2)); // the first one's, late
      assertTrue(e.getMessage().contains("term 1") && e.getMessage().contains("term 2"), e.getMessage());
      ShardFiles.await(replica.apply(address, UpdateOp.ADD, words("later"), 2, 3).durable()); // the same term goes on
      oracle.addAll(List.of("old", "new", "later"));
      assertWords(oracle, (WordDelta) replica.held().get(0).set());
    }
    assertWords(oracle, (WordDelta) restarted(dir, f -> assertEquals(List.of("1/1", "2/2", "2/3"),
        f.updates().stream().map(u -> u.term() + "/" + u.seq()).toList(), "the refused update was not journaled")));
  }

  /**
   * A copy shipped staged ({@link ShardReplica#store} with header {@code stage}) is on disk but not
   * served until {@link ShardReplica#unstage} applies the parts its primary took meanwhile; one
   * whose parts never come is dropped, file and all.
   */
  @Test
  void aStagedCopyServesOnlyOnceCaughtUpAndOneLeftStagedIsDropped(@TempDir Path dir) throws Exception {
    TreeSet<String> oracle = hundredWords();
    byte[] bytes = ShardSplit.bytes(WordSet.of(oracle));
    ShardFiles.Copy copy = copy(SetKind.WORDS, null, bytes, oracle.size()).at(3, 7); // shipped at update 7 of term 3
    String address = ShardReplica.address(SetKind.WORDS, copy.name(), copy.version(), 0);
    try (ShardFiles files = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      files.found();
      ShardReplica replica = new ShardReplica(vertx, new Messages("t"), files, 2_000);
      vertx.eventBus().<io.vertx.core.buffer.Buffer>consumer("test.store", replica::store).completion()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      stage(copy, bytes);
      assertTrue(!replica.holds(address) && replica.held().isEmpty(), "a staged copy is not served");
      assertEquals(1, files.found().size(), "but it is on disk");
      JsonArray parts = new JsonArray()
          .add(new JsonObject().put("op", "ADD").put("term", 3).put("seq", 8).put("elements", words("x")))
          .add(new JsonObject().put("op", "REMOVE").put("term", 4).put("seq", 9).put("elements", words("w1")));
      replica.unstage(address, parts).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      oracle.add("x");
      oracle.remove("w1");
      assertTrue(replica.holds(address));
      assertWords(oracle, (WordDelta) replica.held().get(0).set());
      assertEquals(4, replica.held().get(0).term());
      assertEquals(9, replica.held().get(0).seq());
      replica.dropShard(address);

      ShardFiles.Copy other = copy(SetKind.WORDS, null, bytes, 100).at(3, 7);
      stage(other, bytes);
      Thread.sleep(3_000); // past the 2 s this replica keeps a staged copy
      org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
          () -> replica.unstage(address, new JsonArray()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertTrue(replica.held().isEmpty());
    }
    try (ShardFiles files = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals(List.of(), files.found(), "the dropped copies' files are gone");
    }
  }

  private void stage(ShardFiles.Copy copy, byte[] bytes) throws Exception {
    io.vertx.core.eventbus.DeliveryOptions o = new io.vertx.core.eventbus.DeliveryOptions()
        .addHeader("copy", copy.toJson().encode()).addHeader("checksum", ShardSplit.checksum(bytes)).addHeader("stage", "true");
    vertx.eventBus().request("test.store", io.vertx.core.buffer.Buffer.buffer(bytes), o)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject words(String... words) {
    return new JsonObject().put("words", new JsonArray(List.of((Object[]) words)));
  }

  /** "w0" .. "w99". */
  private static TreeSet<String> hundredWords() {
    TreeSet<String> words = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      words.add("w" + i);
    }
    return words;
  }

  /**
   * After a restart: the one copy found in {@code dir} (handed to {@code found} first), served again
   * from its file and journal by a new replica; its set.
   */
  private Object restarted(Path dir, java.util.function.Consumer<ShardFiles.Found> found) throws Exception {
    try (ShardFiles files = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      List<ShardFiles.Found> all = files.found();
      assertEquals(1, all.size(), "one copy on disk");
      ShardFiles.Found f = all.get(0);
      found.accept(f);
      ShardReplica again = new ShardReplica(vertx, new Messages("t"), files);
      again.restore(f).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return again.held().get(0).set();
    }
  }

  /** A replica holding {@code copy} (its file written first, as a stored copy's is). */
  private ShardReplica held(ShardFiles files, ShardFiles.Copy copy, byte[] bytes) throws Exception {
    files.found();
    files.write(copy, bytes);
    ShardReplica replica = new ShardReplica(vertx, new Messages("t"), files);
    replica.restore(new ShardFiles.Found(copy, new ArrayList<>())).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    return replica;
  }

  private static ShardFiles.Copy copy(SetKind kind, String type, byte[] bytes, long count) {
    ShardedSet.Shard shard = new ShardedSet.Shard(0, kind == SetKind.WORDS ? "" : "0", null, List.of(),
        ShardSplit.checksum(bytes), count, bytes.length);
    return new ShardFiles.Copy(kind, "s", 1, type, 1, shard, 0, 0);
  }

  private static void waitForFolds(ShardReplica replica) throws InterruptedException {
    for (int i = 0; i < 3_000 && replica.foldsRunning() > 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(0, replica.foldsRunning(), "a fold still runs after 30 s");
  }

  private static void assertWords(TreeSet<String> oracle, WordDelta set) {
    assertEquals(oracle.size(), set.size());
    assertEquals(new ArrayList<>(oracle), set.list("", "", oracle.size() + 1));
  }

  private static void assertNumbers(TreeSet<Long> oracle, NumberDelta set) {
    assertEquals(oracle.size(), set.cardinality());
    for (long n : oracle) {
      assertTrue(set.contains(n), "missing " + n);
    }
  }

  private static String word(Random rnd) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = 2 + rnd.nextInt(6); i < n; i++) {
      s.append((char) ('a' + rnd.nextInt(6)));
    }
    return s.toString();
  }

  private static long number(Random rnd) {
    return rnd.nextInt(5_000) + (rnd.nextBoolean() ? 0 : 1L << 32);
  }
}
