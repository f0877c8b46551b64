package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers on one set, and on several, through the journal (policy {@code always}, group
 * commit), while readers look and compactions fold: every read sees each batch whole or not at
 * all, and the final sets, before and after a restart, are the oracle (a {@link TreeSet}) of the
 * acknowledged updates.
 */
class ConcurrentUpdatesTest {
  private static final CompactionPolicy NEVER = new CompactionPolicy(Integer.MAX_VALUE, Duration.ofDays(1));
  private static final int WRITERS = 12;
  private static final int BATCHES = 60;

  private static List<byte[]> utf8(List<String> words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Writer {@code w}'s batch {@code i}: two words, added (or, every fifth, the batch before removed). */
  private static List<String> batch(int w, int i) {
    return List.of("w" + w + "-" + i + "-first", "w" + w + "-" + i + "-second");
  }

  @Test
  void oneSet(@TempDir Path data) throws Exception {
    run(data, 1);
  }

  @Test
  void severalSets(@TempDir Path data) throws Exception {
    run(data, 4);
  }

  private void run(Path data, int sets) throws Exception {
    SetStore store = new SetStore(new Registry(), data, NEVER);
    store.restore();
    for (int s = 0; s < sets; s++) {
      store.replace(SetFamily.WORDS, "s" + s, WordSet.of(List.of("base")));
    }
    // what each writer's acknowledged batches leave, and how far each got (readers look below it)
    List<Set<String>> oracles = new ArrayList<>();
    for (int s = 0; s < sets; s++) {
      oracles.add(java.util.Collections.synchronizedSet(new TreeSet<>(List.of("base"))));
    }
    AtomicIntegerArray done = new AtomicIntegerArray(WRITERS);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 3);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int id = w;
      String name = "s" + (id % sets);
      Set<String> oracle = oracles.get(id % sets);
      writers.add(CompletableFuture.runAsync(() -> {
        try {
          for (int i = 0; i < BATCHES; i++) {
            boolean remove = i % 5 == 4;
            List<String> words = batch(id, remove ? i - 1 : i);
            store.update(SetFamily.WORDS, name, remove ? UpdateOp.REMOVE : UpdateOp.ADD, utf8(words));
            if (remove) {
              oracle.removeAll(words);
            } else {
              oracle.addAll(words);
            }
            done.set(id, i + 1);
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }, pool));
    }
    List<CompletableFuture<Void>> others = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      others.add(CompletableFuture.runAsync(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (writing.get()) {
          int w = random.nextInt(WRITERS);
          int upTo = done.get(w);
          if (upTo == 0) {
            continue;
          }
          int i = random.nextInt(upTo);
          // one version, read twice: a batch is there whole or not at all
          WordDelta v = store.find(SetFamily.WORDS, "s" + (w % sets)).set();
          List<String> words = batch(w, i);
          if (v.contains(words.get(0)) != v.contains(words.get(1))) {
            torn.add("writer " + w + " batch " + i);
          }
        }
      }, pool));
    }
    others.add(CompletableFuture.runAsync(() -> {
      while (writing.get()) {
        try {
          store.compact("words/s" + ThreadLocalRandom.current().nextInt(sets));
          Thread.sleep(20);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }
    }, pool));
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    writing.set(false);
    CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
    pool.shutdown();
    assertEquals(List.of(), new ArrayList<>(torn), "reads that saw half a batch");
    assertSetsAre(store, oracles);
    store.close();

    SetStore back = new SetStore(new Registry(), data, NEVER);
    back.restore();
    try {
      assertSetsAre(back, oracles);
    } finally {
      back.close();
    }
  }

  private static void assertSetsAre(SetStore store, List<Set<String>> oracles) {
    for (int s = 0; s < oracles.size(); s++) {
      WordDelta v = store.find(SetFamily.WORDS, "s" + s).set();
      List<String> all = v.list("", null, 1_000_000);
      assertEquals(new ArrayList<>(oracles.get(s)), all, "set s" + s);
      assertTrue(all.size() > 1);
    }
  }
}
