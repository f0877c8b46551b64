package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.store.DataDir;
import dev.sieve.store.Journal;
import dev.sieve.store.PowerCutFiles;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated power cut under {@code --fsync always}, with eight writers updating three sets at
 * once: the journal writes through {@link PowerCutFiles}, the power goes at a random moment, and
 * the data directory is copied as a disk would hold it (each journal segment cut to its forced
 * bytes plus a random prefix of the rest). Restarted from the copy, every acknowledged update is
 * there, and the one update each writer had in flight is there whole or not at all.
 */
class PowerCutTest {
  private static final CompactionPolicy NEVER = new CompactionPolicy(Integer.MAX_VALUE, Duration.ofDays(1));
  private static final int WRITERS = 8;

  /** One writer's updates: words of sets a or b (three per batch), or numbers of n; every fourth removes the batch before. */
  private static final class Writer extends Thread {
    final int id;
    final SetStore store;
    /** What the writer's acknowledged updates leave of its elements, in order. */
    final Set<String> words = new HashSet<>();
    final Set<Long> numbers = new HashSet<>();
    /** The elements of the update in flight when the power went (null if none), and whether it removed them. */
    List<String> inflightWords;
    List<Long> inflightNumbers;
    boolean inflightRemoves;
    /** Written by the writer only; read by the test while it runs (to choose when to cut) and after. */
    volatile int acknowledged;

    Writer(int id, SetStore store) {
      this.id = id;
      this.store = store;
    }

    String set() {
      return id % 2 == 0 ? "a" : "b";
    }

    @Override
    public void run() {
      for (int i = 0; ; i++) {
        boolean remove = i % 4 == 3;
        int batch = remove ? i - 1 : i;
        boolean ofNumbers = id % 4 == 3;
        try {
          if (ofNumbers) {
            List<Long> values = List.of(id * 1_000_000L + batch * 3L, id * 1_000_000L + batch * 3L + 1, id * 1_000_000L + batch * 3L + 2);
            inflightNumbers = values;
            inflightRemoves = remove;
            store.update(SetFamily.NUMBERS, "n", remove ? UpdateOp.REMOVE : UpdateOp.ADD,
                NumberSet.of(values.stream().mapToLong(Long::longValue).toArray()));
            if (remove) {
              numbers.removeAll(values);
            } else {
              numbers.addAll(values);
            }
          } else {
            List<String> values = List.of("w" + id + "-" + batch + "-x", "w" + id + "-" + batch + "-y", "w" + id + "-" + batch + "-z");
            inflightWords = values;
            inflightRemoves = remove;
            List<byte[]> utf8 = new ArrayList<>();
            for (String v : values) {
              utf8.add(v.getBytes(StandardCharsets.UTF_8));
            }
            store.update(SetFamily.WORDS, set(), remove ? UpdateOp.REMOVE : UpdateOp.ADD, utf8);
            if (remove) {
              words.removeAll(values);
            } else {
              words.addAll(values);
            }
          }
          inflightWords = null;
          inflightNumbers = null;
          acknowledged = acknowledged + 1; // one writer thread: no lost update
        } catch (IOException | RuntimeException powerOff) {
          return; // not acknowledged: in flight
        }
      }
    }
  }

  @Test
  void everyAcknowledgedUpdateSurvivesAndNoBatchIsHalfApplied(@TempDir Path tmp) throws Exception {
    Random random = new Random(12);
    for (int round = 0; round < 4; round++) {
      Path data = tmp.resolve("data-" + round);
      PowerCutFiles disk = new PowerCutFiles(TimeUnit.MICROSECONDS.toNanos(300));
      SetStore store = new SetStore(new Registry(), data, NEVER, Journal.Options.defaults().withFiles(disk));
      store.restore();
      store.replace(SetFamily.WORDS, "a", WordSet.of(List.of("base")));
      store.replace(SetFamily.WORDS, "b", WordSet.of(List.of("base")));
      store.replace(SetFamily.NUMBERS, "n", NumberSet.of(7));
      List<Writer> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(new Writer(w, store));
      }
      writers.forEach(Thread::start);
      // the cut comes at a random moment once every writer has had updates acknowledged (waiting
      // for that, not a fixed time: on a loaded machine 200 ms may pass before the first one)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (writers.stream().anyMatch(w -> w.acknowledged < 2) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(random.nextInt(150));
      disk.cut();
      for (Writer w : writers) {
        w.join(TimeUnit.SECONDS.toMillis(30));
      }
      Path copy = tmp.resolve("after-" + round);
      copyAsTheDiskHoldsIt(data, copy, disk, random);
      try {
        store.close();
      } catch (IOException dead) {
        // the power is off
      }

      SetStore back = new SetStore(new Registry(), copy, NEVER);
      back.restore();
      try {
        WordDelta a = back.find(SetFamily.WORDS, "a").set();
        WordDelta b = back.find(SetFamily.WORDS, "b").set();
        NumberDelta n = back.find(SetFamily.NUMBERS, "n").set();
        int total = 0;
        long expectedWords = 2;
        long expectedNumbers = 1;
        for (Writer w : writers) {
          total += w.acknowledged;
          if (w.id % 4 == 3) {
            Set<Long> present = new HashSet<>();
            for (long v = w.id * 1_000_000L; v < w.id * 1_000_000L + 3L * (w.acknowledged + 2); v++) {
              if (n.contains(v)) {
                present.add(v);
              }
            }
            expectedNumbers += check(w, present, w.numbers, w.inflightNumbers);
          } else {
            WordDelta set = w.set().equals("a") ? a : b;
            Set<String> present = new HashSet<>();
            for (int i = 0; i <= w.acknowledged + 1; i++) {
              for (String s : new String[] {"x", "y", "z"}) {
                String word = "w" + w.id + "-" + i + "-" + s;
                if (set.contains(word)) {
                  present.add(word);
                }
              }
            }
            expectedWords += check(w, present, w.words, w.inflightWords);
          }
        }
        assertTrue(total > WRITERS, "the writers got some updates acknowledged before the cut: " + total);
        assertEquals(expectedWords, a.size() + b.size(), "no element nobody added");
        assertEquals(expectedNumbers, n.cardinality());
      } finally {
        back.close();
      }
    }
  }

  /** Asserts the writer's elements are its acknowledged state, or that with its in-flight batch applied whole; returns their count. */
  private static <T> int check(Writer w, Set<T> present, Set<T> acknowledged, List<T> inflight) {
    if (present.equals(acknowledged)) {
      return present.size();
    }
    assertTrue(inflight != null, "writer " + w.id + ": " + present + " is not what its acknowledged updates left: " + acknowledged);
    Set<T> withInflight = new HashSet<>(acknowledged);
    if (w.inflightRemoves) {
      inflight.forEach(withInflight::remove);
    } else {
      withInflight.addAll(inflight);
    }
    assertEquals(withInflight, present, "writer " + w.id + ": its update in flight is applied whole or not at all");
    return present.size();
  }

  /** The data directory after the cut: the snapshots and catalog as they are, the journal as {@code disk} says. */
  private static void copyAsTheDiskHoldsIt(Path data, Path copy, PowerCutFiles disk, Random random) throws IOException {
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = data.relativize(f);
        if (rel.toString().isEmpty() || rel.startsWith("journal") || rel.toString().equals("lock")) {
          continue;
        }
        if (Files.isDirectory(f)) {
          Files.createDirectories(copy.resolve(rel));
        } else {
          Files.copy(f, copy.resolve(rel));
        }
      }
    }
    disk.survivors(DataDir.journal(data), DataDir.journal(copy), random);
  }
}
