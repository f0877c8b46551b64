package dev.sieve.bench;

import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetFamily;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.StoreRestore;
import dev.sieve.store.DataDir;
import dev.sieve.store.FsyncPolicy;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a restart costs with a million updates pending in the journal: a word set (default
 * {@code wamerican-insane}) is stored, then N single-word adds (default 1,000,000, words not in the
 * list) are appended to its journal (policy {@code no} to write them fast: the records are the
 * same), and the store's restore (journal read through and checked, then replayed
 * onto the mapped snapshot) is timed, a few times, in this JVM.
 *
 * <pre>
 * bash loadtest/scripts/replay-bench.sh [updates] [words file] [runs]
 * </pre>
 * Not a test: timings depend on the machine. Results go to stdout.
 */
public final class ReplayBench {
  private ReplayBench() {}

  /** A batch of one word as the registry journals it (pinned by the golden update-words-v1.bin): count, length, UTF-8. */
  static byte[] oneWord(String word) {
    byte[] w = word.getBytes(StandardCharsets.UTF_8);
    if (w.length > 127) {
      throw new IllegalArgumentException("one-byte varint lengths only");
    }
    byte[] out = new byte[2 + w.length];
    out[0] = 1;
    out[1] = (byte) w.length;
    System.arraycopy(w, 0, out, 2, w.length);
    return out;
  }

  public static void main(String[] args) throws Exception {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path words = Path.of(args.length > 1 ? args[1] : "/usr/share/dict/american-english-insane");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    CompactionPolicy never = new CompactionPolicy(Integer.MAX_VALUE, Duration.ofDays(365));
    Path data = Files.createTempDirectory("sieve-replay-bench");
    try {
      List<String> list = Files.readAllLines(words, StandardCharsets.UTF_8).stream().filter(w -> !w.isEmpty()).toList();
      SetStore store = new SetStore(new Registry(), data, never);
      store.restore();
      store.replace(SetFamily.WORDS, "en", WordSet.of(list));
      store.close();
      // The records SetStore.update would write, appended straight to the journal: the update path
      // applies each to the set too, which is not what is measured here.
      long start = System.nanoTime();
      Journal.Stats written;
      try (Journal journal = Journal.open(DataDir.journal(data), Journal.Options.defaults().withFsync(FsyncPolicy.NO))) {
        for (int i = 0; i < updates; i++) {
          journal.append("words", "en", JournalBatch.Op.ADD, oneWord("zz-update-" + i));
        }
        written = journal.stats();
      }
      long writeMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("java %s, %d cores; base %s (%,d words), %,d single-word adds journaled in %,d ms;"
          + " journal %,d bytes in %d segments%n", System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(), words, list.size(), updates, writeMs, written.bytes(), written.segments());
      long[] total = new long[runs];
      for (int r = 0; r < runs; r++) {
        System.gc();
        SetStore back = new SetStore(new Registry(), data, never);
        long t0 = System.nanoTime();
        StoreRestore.Report report = back.restore();
        total[r] = (System.nanoTime() - t0) / 1_000_000;
        long count = back.find(SetFamily.WORDS, "en").set().size();
        back.close();
        if (count != list.size() + updates || report.replayed() != updates) {
          throw new AssertionError("restored " + count + " words, " + report.replayed() + " batches replayed");
        }
        System.out.printf("restore %d: %,d ms (snapshots read %,d ms, catalog open %,d ms), %,d batches replayed%n",
            r + 1, total[r], report.snapshotMillis(), report.chronicleMillis(), report.replayed());
      }
      // of which the journal alone: read through and checked at open, then every record decoded
      long t0 = System.nanoTime();
      long[] seen = new long[1];
      try (Journal journal = Journal.open(DataDir.journal(data), Journal.Options.defaults())) {
        long opened = System.nanoTime();
        journal.replay(b -> seen[0]++);
        System.out.printf("journal alone: open (read through, CRC32C checked) %,d ms, replay (decode %,d records) %,d ms%n",
            (opened - t0) / 1_000_000, seen[0], (System.nanoTime() - opened) / 1_000_000);
      }
      Arrays.sort(total);
      System.out.printf("median restore with %,d pending updates: %,d ms%n", updates, total[runs / 2]);
    } finally {
      try (Stream<Path> all = Files.walk(data)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
