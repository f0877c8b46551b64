package dev.sieve.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Thread CPU ns per {@code contains} (UTF-8 bytes for the {@code -utf8} contenders, fresh
 * {@code String}s for the others), min and median of rounds, contenders alternating in one JVM.
 * CPU time rather than wall time, and the minimum: on a machine shared with other jobs (load 10
 * and more) JMH's wall-clock intervals were ±50-300%, while this keeps most of the preemption out.
 * Usage: {@code java -cp benchmarks.jar dev.sieve.bench.ContainsCpu LIST ROUNDS STRUCTURE...}.
 */
public class ContainsCpu {
  public static void main(String[] args) {
    WordList words = WordList.load(args[0]);
    int rounds = Integer.parseInt(args[1]);
    String[] names = Arrays.copyOfRange(args, 2, args.length);
    Contender[] cs = new Contender[names.length];
    for (int i = 0; i < names.length; i++) {
      cs[i] = Contender.of(names[i], words);
    }
    int n = 100_000;
    byte[][] hits = Arrays.stream(Queries.members(words, n)).map(Queries::utf8).toArray(byte[][]::new);
    byte[][] misses = Arrays.stream(Queries.nonMembers(words, n)).map(Queries::utf8).toArray(byte[][]::new);
    String[] hitS = Queries.members(words, n);
    String[] missS = Queries.nonMembers(words, n);
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    double[][] hit = new double[names.length][rounds];
    double[][] miss = new double[names.length][rounds];
    int sink = 0;
    for (int r = -5; r < rounds; r++) { // 5 rounds of warm-up
      for (int i = 0; i < cs.length; i++) {
        boolean u = cs[i].takesUtf8();
        long a = t.getCurrentThreadCpuTime();
        for (int k = 0; k < n; k++) {
          sink += (u ? cs[i].containsUtf8(hits[k]) : cs[i].contains(Queries.fresh(hitS[k]))) ? 1 : 0;
        }
        long b = t.getCurrentThreadCpuTime();
        for (int k = 0; k < n; k++) {
          sink += (u ? cs[i].containsUtf8(misses[k]) : cs[i].contains(Queries.fresh(missS[k]))) ? 1 : 0;
        }
        long c = t.getCurrentThreadCpuTime();
        if (r >= 0) {
          hit[i][r] = (b - a) / (double) n;
          miss[i][r] = (c - b) / (double) n;
        }
      }
    }
    for (int i = 0; i < cs.length; i++) {
      Arrays.sort(hit[i]);
      Arrays.sort(miss[i]);
      System.out.printf("%-18s members min %6.1f med %6.1f | near-misses min %6.1f med %6.1f ns (cpu)%n", names[i],
          hit[i][0], hit[i][rounds / 2], miss[i][0], miss[i][rounds / 2]);
    }
    System.out.println("sink " + sink);
  }
}
