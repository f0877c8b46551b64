package dev.sieve.bench;

import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetBuilder;
import dev.sieve.words.WordSetCollector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The input side of a word load, timed phase by phase: read an unsorted username-like list
 * ({@link CollectUsernames}) from a file line by line into a {@link WordSetCollector} with a given
 * memory limit (spilling sorted runs beyond it), then either drain the sorted distinct words to a
 * counter ({@code sort}: the collector's work alone) or build the set ({@code build}: the same plus
 * {@link WordSetBuilder}). One configuration per JVM, so the peak RSS is that configuration's.
 *
 * <pre>
 * java -Xmx2g -cp loadtest/target/benchmarks.jar dev.sieve.bench.CollectBench WORDS MEMORY MODE [DIR]
 *   WORDS   lines to generate and load, e.g. 1000000 or 20000000
 *   MEMORY  the collector's memory limit in MiB ("0": no spill directory, all runs in memory)
 *   MODE    sort | build
 *   DIR     where the list and the spill files go (default /tmp/sieve-bench)
 * </pre>
 *
 * Prints one Markdown table row: words, limit, mode, runs spilled, read+collect s (process CPU s),
 * sort+merge (or sort+merge+build) s (CPU s), words/s over both, GC s, peak heap used (sampled
 * every 10 ms, garbage included), peak of the collector's own accounting, peak RSS (VmHWM), load
 * average at the end.
 */
public final class CollectBench {
  private CollectBench() {}

  public static void main(String[] args) throws Exception {
    long count = Long.parseLong(args[0]);
    long memoryMiB = Long.parseLong(args[1]);
    String mode = args[2];
    Path dir = Path.of(args.length > 3 ? args[3] : CollectUsernames.DEFAULT_DIR);
    Path file = new CollectUsernames(20261201L).file(dir, count);
    Path spill = dir.resolve("spill-" + ProcessHandle.current().pid());

    HeapSampler heap = new HeapSampler();
    heap.start();
    WordSetCollector collector = memoryMiB == 0 ? new WordSetCollector() : new WordSetCollector(memoryMiB << 20, spill);
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    long peakCollector = read(file, collector);
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    long runs = collector.runsSpilled();
    long distinct;
    if (mode.equals("sort")) {
      AtomicLong bytes = new AtomicLong();
      distinct = collector.drainSorted((b, off, len) -> bytes.addAndGet(len));
    } else {
      WordSet set = collector.build();
      distinct = set.size();
      System.err.println("shape " + set.shape() + ", trie bytes " + set.byteSize());
    }
    long t2 = System.nanoTime();
    long c2 = cpuNanos();
    heap.interrupt();
    heap.join();
    if (Files.isDirectory(spill)) {
      try (var left = Files.list(spill)) {
        if (left.findAny().isPresent()) {
          throw new IllegalStateException("spill files left in " + spill);
        }
      }
      Files.delete(spill);
    }
    double read = (t1 - t0) / 1e9;
    double sort = (t2 - t1) / 1e9;
    long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    System.out.printf(Locale.ROOT, "| %,d (%,d distinct) | %s | %s | %d | %.2f (%.2f) | %.2f (%.2f) | %.2f M | %.2f | %,d MB | %,d MB | %,d MB | %s |%n",
        count, distinct, memoryMiB == 0 ? "none (in memory)" : memoryMiB + " MiB", mode, runs, read, (c1 - c0) / 1e9,
        sort, (c2 - c1) / 1e9, count / (read + sort) / 1e6, gcMillis / 1e3, heap.peak / 1_000_000,
        peakCollector / 1_000_000, rssPeak() / 1_000_000,
        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  /** Reads {@code file} line by line (LF) into {@code c}; returns the peak of {@code c.byteSize()}. */
  private static long read(Path file, WordSetCollector c) throws IOException {
    byte[] buf = new byte[1 << 20];
    int have = 0;
    long peak = 0;
    long lines = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf, have, buf.length - have)) > 0) {
        int end = have + n;
        int start = 0;
        for (int i = have; i < end; i++) {
          if (buf[i] == '\n') {
            c.add(buf, start, i - start);
            start = i + 1;
            if ((++lines & 0xFFFF) == 0) {
              peak = Math.max(peak, c.byteSize());
            }
          }
        }
        have = end - start;
        System.arraycopy(buf, start, buf, 0, have);
      }
    }
    if (have > 0) {
      c.add(buf, 0, have);
    }
    return Math.max(peak, c.byteSize());
  }

  /** CPU time of the whole process (every thread, GC and JIT included), in ns. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The process's peak resident set (VmHWM), in bytes. */
  static long rssPeak() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** Samples the heap in use every 10 ms; keeps the largest (garbage not yet collected included). */
  private static final class HeapSampler extends Thread {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    volatile long peak;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          break;
        }
      }
    }
  }
}
