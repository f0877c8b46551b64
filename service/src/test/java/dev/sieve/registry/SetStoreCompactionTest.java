package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The store's compactions in memory: what is due, folds under a stream of updates, merges of levels. */
class SetStoreCompactionTest {

  private static SetStore store(CompactionPolicy policy) throws Exception {
    SetStore store = new SetStore(new Registry(), null, policy);
    store.restore();
    return store;
  }

  @Test
  void aHandfulOfUpdatesOnAHugeBaseMergesItsLevelsAndLeavesTheBase() throws Exception {
    SetStore store = store(new CompactionPolicy(0.1, Duration.ofMillis(1)));
    NumberSetBuilder b = new NumberSetBuilder();
    for (long v = 0; v < 64_000_000; v += 7) {
      b.add(v); // 977 bitmap containers of 8 KiB
    }
    NumberSet base = b.build();
    assertTrue(base.byteSize() > CompactionPolicy.SMALL_BASE_BYTES, "base " + base.byteSize());
    SetVersion<NumberDelta> loaded = store.replace(SetFamily.NUMBERS, "big", base);
    for (long v = 1; v <= 5; v++) {
      store.update(SetFamily.NUMBERS, "big", UpdateOp.ADD, NumberSet.of(v * 7 + 1));
    }
    store.update(SetFamily.NUMBERS, "big", UpdateOp.REMOVE, NumberSet.of(0));
    assertTrue(store.find(SetFamily.NUMBERS, "big").set().levels().size() > 1);
    Thread.sleep(20);
    assertEquals(List.of(new SetStore.Due("numbers/big", CompactionPolicy.Action.MERGE)), store.due());
    assertTrue(store.run(store.due().get(0)));
    SetVersion<NumberDelta> merged = store.find(SetFamily.NUMBERS, "big");
    assertEquals(loaded.version(), merged.version(), "the base was not rebuilt");
    assertEquals(1, merged.set().levels().size());
    assertEquals(6, merged.updates());
    assertEquals(base.cardinality() + 4, merged.set().cardinality());
    assertTrue(merged.set().contains(8) && !merged.set().contains(0) && merged.set().contains(7));
    assertEquals(List.of(), store.due(), "one level: nothing more to do");
    CompactionStats.Tally merges = store.compactionStats().of(SetKind.NUMBERS, CompactionPolicy.Action.MERGE);
    assertEquals(1, merges.count());
    assertTrue(merges.bytes() > 0 && merges.nanos() > 0);
    assertEquals(0, store.compactionStats().of(SetKind.NUMBERS, CompactionPolicy.Action.FOLD).count());
    store.close();
  }

  @Test
  void anUpdatePastTheRatioNudgesTheCompactor() throws Exception {
    SetStore store = store(new CompactionPolicy(0.5, Duration.ofDays(1), 0));
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      words.add("word" + i);
    }
    store.replace(SetFamily.WORDS, "w", WordSet.of(words));
    AtomicLong nudgedAtDelta = new AtomicLong(-1);
    store.onDue(() -> nudgedAtDelta.compareAndSet(-1, store.find(SetFamily.WORDS, "w").set().deltaElements()));
    long deltaBefore = 0;
    for (int i = 0; nudgedAtDelta.get() < 0; i++) {
      deltaBefore = store.find(SetFamily.WORDS, "w").set().deltaElements();
      store.update(SetFamily.WORDS, "w", UpdateOp.ADD, List.of(("new-word-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    // by elements: half the base's 1,000 words, whatever the bytes of trie and delta
    assertEquals(500, nudgedAtDelta.get());
    assertEquals(499, deltaBefore, "not nudged before");
    assertEquals(CompactionPolicy.Action.FOLD, store.due().get(0).action());
    store.close();
  }

  @Test
  void foldsWhileUpdatesKeepComingLoseAndInventNothing() throws Exception {
    SetStore store = store(new CompactionPolicy(0, Duration.ofDays(1), 0));
    Random rnd = new Random(7);
    TreeSet<String> oracle = new TreeSet<>();
    for (int i = 0; i < 3000; i++) {
      oracle.add("w" + rnd.nextInt(10_000));
    }
    store.replace(SetFamily.WORDS, "w", WordSet.of(oracle));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger foldsSoFar = new AtomicInteger();
    CompletableFuture<Integer> compactor = CompletableFuture.supplyAsync(() -> {
      try {
        while (!done.get()) {
          if (store.compact("words/w")) {
            foldsSoFar.incrementAndGet();
          }
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
      return foldsSoFar.get();
    });
    // 400 batches, and more until the compactor has folded at least once: on a loaded machine its
    // thread may not have started before the first 400 are written
    for (int batch = 0; batch < 400 || (foldsSoFar.get() == 0 && batch < 1_000_000); batch++) {
      List<byte[]> words = new ArrayList<>();
      List<String> strings = new ArrayList<>();
      for (int i = rnd.nextInt(8); i >= 0; i--) {
        String w = "w" + rnd.nextInt(10_000);
        strings.add(w);
        words.add(w.getBytes(StandardCharsets.UTF_8));
      }
      boolean add = rnd.nextBoolean();
      store.update(SetFamily.WORDS, "w", add ? UpdateOp.ADD : UpdateOp.REMOVE, words);
      if (add) {
        oracle.addAll(strings);
      } else {
        oracle.removeAll(strings);
      }
      WordDelta now = store.find(SetFamily.WORDS, "w").set();
      assertEquals(oracle.size(), now.size(), "after batch " + batch);
    }
    done.set(true);
    int folds = compactor.get();
    assertTrue(folds > 0, "some folds ran");
    store.compact("words/w");
    SetVersion<WordDelta> last = store.find(SetFamily.WORDS, "w");
    assertEquals(0, last.updates());
    assertTrue(last.set().isEmpty());
    assertEquals(List.copyOf(oracle), last.set().list("", null, Integer.MAX_VALUE));
    // the baseline carried batch by batch through the folds is the one a walk of the set gives
    assertEquals(SetFamily.WORDS.baseline(last.set().base()), last.baselineBytes());
    CompactionStats.Tally tally = store.compactionStats().of(SetKind.WORDS, CompactionPolicy.Action.FOLD);
    assertTrue(tally.count() >= folds && tally.bytes() > 0, tally.count() + " folds");
    store.close();
  }
}
