package dev.sieve.bench;

import dev.sieve.store.FsyncPolicy;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The journal alone, no HTTP, no set: T threads each append a one-word record and wait for its
 * durability (policy {@code always}: the group commit's force), for a few seconds; prints appends
 * per second, forces per second and the mean group for T = 1, 16, 64. What the update path can get
 * from the disk at most.
 *
 * <pre>
 * mvn -B -q -o -pl loadtest -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp loadtest/target/classes:service/target/classes:$(cat loadtest/target/classpath.txt) dev.sieve.bench.JournalBench 3 /var/tmp
 * </pre>
 * Args: seconds per run (default 3), a directory on the disk to measure (default the temp directory).
 */
public final class JournalBench {
  private JournalBench() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
    Path parent = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
    System.out.printf("java %s, %d cores, %s, %d s per run%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), parent, seconds);
    for (int threads : new int[] {1, 16, 64}) {
      Path dir = Files.createTempDirectory(parent, "sieve-journal-bench");
      LongAdder appends = new LongAdder();
      AtomicLong groups = new AtomicLong();
      try (Journal j = Journal.open(dir, Journal.Options.defaults().withFsync(FsyncPolicy.ALWAYS)
          .withListener((records, nanos) -> groups.incrementAndGet()))) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        byte[] payload = ReplayBench.oneWord("journalbench");
        for (int t = 0; t < threads; t++) {
          Thread th = new Thread(() -> {
            try {
              while (System.nanoTime() < end) {
                j.append("words", "bench", JournalBatch.Op.ADD, payload).durable().join();
                appends.increment();
              }
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
          ts.add(th);
          th.start();
        }
        for (Thread th : ts) {
          th.join();
        }
      } finally {
        try (Stream<Path> all = Files.walk(dir)) {
          all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      System.out.printf("%2d writers: %,.0f durable appends/s, %,.0f forces/s, %.1f records per force%n", threads,
          appends.sum() / (double) seconds, groups.get() / (double) seconds, appends.sum() / (double) Math.max(1, groups.get()));
    }
  }
}
