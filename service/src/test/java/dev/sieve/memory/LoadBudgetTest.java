package dev.sieve.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.words.WordSetBuilder;
import dev.sieve.words.WordSetCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The load memory budget: its accounting against an oracle under contention, and its refusals. */
class LoadBudgetTest {
  static final long MIB = 1L << 20;

  @Test
  void manyThreadsNeverPassTheLimitNorGoNegativeAndEveryByteComesBack() throws Exception {
    LoadBudget budget = new LoadBudget(64 * MIB + 12345);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong worstSeen = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    // a watcher samples the shared figure all along
    Future<?> watcher = pool.submit(() -> {
      while (running.get()) {
        long r = budget.reserved();
        assertTrue(r >= 0 && r <= budget.limit(), "reserved " + r);
        worstSeen.accumulateAndGet(r, Math::max);
      }
      return null;
    });
    List<Future<List<Reservation>>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      workers.add(pool.submit(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        List<Reservation> open = new ArrayList<>();
        start.await();
        for (int i = 0; i < 20_000; i++) {
          int choice = random.nextInt(10);
          if (open.isEmpty() || choice == 0) {
            open.add(budget.open("load " + seed + "." + i));
          } else if (choice == 1) {
            open.remove(random.nextInt(open.size())).close();
          } else {
            Reservation r = open.get(random.nextInt(open.size()));
            long before = r.held();
            long want = before + random.nextLong(3 * MIB);
            boolean granted = r.tryGrowTo(want);
            // the oracle for one reservation: granted means it holds at least what it asked for
            // (rounded to a chunk at most), refused means it holds what it held
            if (granted) {
              assertTrue(r.held() >= want && r.held() < Math.max(want, before) + Reservation.CHUNK, r.held() + " for " + want);
            } else {
              assertEquals(before, r.held());
              LoadMemoryException why = r.refusal(want);
              assertEquals(want <= budget.limit(), why.fitsLater());
            }
          }
        }
        return open;
      }));
    }
    start.countDown();
    List<Reservation> left = new ArrayList<>();
    for (Future<List<Reservation>> w : workers) {
      left.addAll(w.get(2, TimeUnit.MINUTES));
    }
    running.set(false);
    watcher.get(1, TimeUnit.MINUTES);
    pool.shutdown();
    // the oracle for all: the shared figure is the sum of what each open reservation holds
    long sum = left.stream().mapToLong(Reservation::held).sum();
    assertEquals(sum, budget.reserved());
    assertEquals(left.size(), budget.openReservations());
    assertTrue(worstSeen.get() > budget.limit() / 2, "the test never got near the limit: " + worstSeen.get());
    assertTrue(budget.refusedBusy() > 0, "no refusal while the budget was contended");
    for (Reservation r : left) {
      r.close();
      r.close(); // idempotent
    }
    assertEquals(0, budget.reserved());
    assertEquals(0, budget.openReservations());
  }

  @Test
  void refusalsSayWhetherTheLoadCouldFitLater() {
    LoadBudget budget = new LoadBudget(10 * MIB);
    Reservation big = budget.open("words/big");
    assertTrue(big.tryGrowTo(8 * MIB));
    Reservation other = budget.open("words/other");
    assertFalse(other.tryGrowTo(4 * MIB));
    LoadMemoryException busy = other.refusal(4 * MIB);
    assertTrue(busy.fitsLater());
    assertTrue(busy.getMessage().startsWith("words/other needs about 4.0 MiB"), busy.getMessage());
    assertTrue(busy.getMessage().contains("other loads hold 8.0 MiB of the 10.0 MiB budget"), busy.getMessage());
    assertTrue(busy.getMessage().contains("retry later"), busy.getMessage());
    LoadMemoryException never = assertThrows(LoadMemoryException.class, () -> other.growTo(11 * MIB));
    assertFalse(never.fitsLater());
    assertTrue(never.getMessage().contains("more than the whole budget of 10.0 MiB: raise --load-memory"), never.getMessage());
    assertEquals(1, budget.refusedBusy());
    assertEquals(1, budget.refusedTooLarge());
    big.close();
    assertTrue(other.tryGrowTo(4 * MIB), "fits once the other load ended");
    other.close();
    assertFalse(other.tryGrowTo(1), "a closed reservation takes nothing");
    assertEquals(0, budget.reserved());
  }

  @Test
  void growthIsRoundedToChunksUnlessOnlyTheExactAmountFits() {
    LoadBudget budget = new LoadBudget(MIB + MIB / 2);
    Reservation r = budget.open("x");
    assertTrue(r.tryGrowTo(1));
    assertEquals(Reservation.CHUNK, r.held());
    assertTrue(r.tryGrowTo(MIB + 1000));
    assertEquals(MIB + 1000, r.held(), "two chunks do not fit: the exact amount does");
    r.close();
  }

  @Test
  void aWordCollectorIsRefusedOnceItsBuildEstimatePassesTheBudgetAndHoldsIt() {
    LoadBudget budget = new LoadBudget(32 * MIB);
    Reservation r = budget.open("words/w");
    WordSetCollector collector = new WordSetCollector(r);
    SplittableRandom random = new SplittableRandom(7);
    byte[] word = new byte[12];
    long words = 0;
    long wordBytes = 0;
    LoadMemoryException refused = null;
    try {
      while (wordBytes < 64 * MIB) {
        for (int i = 0; i < word.length; i++) {
          word[i] = (byte) ('a' + random.nextInt(26));
        }
        collector.add(word, 0, word.length);
        words++;
        wordBytes += word.length;
        // what its build will need is always reserved, within one check step
        long lowerBound = WordSetCollector.buildBytes(Math.max(0, wordBytes - (1 << 20)));
        assertTrue(r.held() >= lowerBound, "held " + r.held() + " < " + lowerBound);
      }
    } catch (LoadMemoryException e) {
      refused = e;
    }
    assertTrue(refused != null, "a random list of 64 MiB cannot build in 32 MiB");
    assertFalse(refused.fitsLater());
    // refused within one check step of the point where its projected peak passes the budget
    assertTrue(wordBytes < budget.limit() / WordSetCollector.BUILD_BYTES_PER_WORD_BYTE + (1 << 20), "refused after " + wordBytes + " bytes");
    assertTrue(r.held() <= budget.limit());
    assertThrows(IllegalStateException.class, () -> collector.add("a"), "a refused collector is closed: its words are dropped");
    r.close();
    assertEquals(0, budget.reserved());
  }

  @Test
  void aWordCollectorPastOnePartsBuildReservesOnlyThatAndSpills(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    // the budget is accounting only: nothing near it is allocated
    LoadBudget budget = new LoadBudget(WordSetBuilder.PART_BUILD_BYTES + 64 * MIB);
    Reservation r = budget.open("words/w");
    long cap = WordSetBuilder.PART_BUILD_BYTES / WordSetCollector.BUILD_BYTES_PER_WORD_BYTE;
    try (WordSetCollector collector = new WordSetCollector(r, 4 * MIB, dir.resolve("spill"))) {
      SplittableRandom random = new SplittableRandom(9);
      byte[] word = new byte[12];
      long wordBytes = 0;
      while (wordBytes < cap + 8 * MIB) { // past the point where 17 bytes a byte would pass one part's build
        for (int i = 0; i < word.length; i++) {
          word[i] = (byte) ('a' + random.nextInt(26));
        }
        collector.add(word, 0, word.length);
        wordBytes += word.length;
      }
      assertTrue(r.held() >= WordSetBuilder.PART_BUILD_BYTES, "one part's build is held: " + r.held());
      assertTrue(r.held() <= WordSetBuilder.PART_BUILD_BYTES + 8 * MIB, "and no more than it and the chunks: " + r.held());
    }
    r.close();
    assertEquals(0, budget.reserved());
  }

  @Test
  void aNumberBuilderCountsItsBucketsAndIsRefusedPastTheBudget() {
    LoadBudget budget = new LoadBudget(8 * MIB);
    Reservation r = budget.open("numbers/n");
    NumberSetBuilder builder = new NumberSetBuilder(r);
    SplittableRandom random = new SplittableRandom(3);
    long added = 0;
    // random 63-bit values: one bucket each, a couple of hundred bytes apiece
    LoadMemoryException refused = assertThrows(LoadMemoryException.class, () -> {
      for (int i = 0; i < 10_000_000; i++) {
        builder.add(random.nextLong(Long.MAX_VALUE));
      }
    });
    assertFalse(refused.fitsLater());
    assertTrue(refused.needed() > 8 * MIB);
    assertEquals(0, builder.byteSize(), "a refused builder drops what it held");
    r.close();

    // the estimate follows the heap: within 2x of the exact size of the set it builds
    for (boolean sparse : new boolean[] {true, false}) {
      NumberSetBuilder measured = new NumberSetBuilder();
      SplittableRandom values = new SplittableRandom(5);
      for (int i = 0; i < 200_000; i++) {
        measured.add(sparse ? values.nextLong(Long.MAX_VALUE) : values.nextLong(1L << 24));
      }
      long estimate = measured.byteSize();
      long exact = measured.build().byteSize();
      assertTrue(estimate > exact / 2 && estimate < 2 * exact, (sparse ? "sparse" : "dense") + ": estimate " + estimate + ", set " + exact);
    }

    // dense values below 2^32 cost little: 10^7 of them fit
    Reservation dense = budget.open("numbers/d");
    NumberSetBuilder denseBuilder = new NumberSetBuilder(dense);
    for (long n = 0; n < 30_000_000; n += 3) {
      denseBuilder.add(n);
      added++;
    }
    assertTrue(dense.held() >= denseBuilder.byteSize());
    assertEquals(added, denseBuilder.build().cardinality());
    dense.close();
    assertEquals(0, budget.reserved());
  }

  @Test
  void sizesParseAsOperatorsWriteThem() {
    assertEquals(268_435_456L, ByteSize.parse("268435456"));
    assertEquals(512L << 10, ByteSize.parse("512k"));
    assertEquals(256L << 20, ByteSize.parse("256m"));
    assertEquals(256L << 20, ByteSize.parse("256MB"));
    assertEquals(2L << 30, ByteSize.parse(" 2G "));
    for (String bad : List.of("", "m", "-1", "0", "12x", "1.5g", "99999999999t")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
