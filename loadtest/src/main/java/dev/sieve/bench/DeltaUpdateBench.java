package dev.sieve.bench;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one single-element update costs against the size of the pending delta (issue 12): a base
 * of 100,000 random words (1,000,000 random numbers below 2^31), a delta of {@code deltaSize}
 * elements not in the base put there by one batch, then {@value #ADDS} single-element adds one
 * after the other, each on the version the previous one made (so the merges they cause are
 * timed too). Times are per add. The delta is the same immutable version at the start of every
 * invocation: resetting it is a reference copy.
 *
 * <p>Only the delta API ({@code of}, {@code apply}, {@code Change.set}) is used, so the same file
 * compiles against the delta that copied its arrays on every update (the "before" of
 * docs/BENCHMARKS.md, run from a checkout of that commit).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DeltaUpdateBench {
  static final int ADDS = 64;
  static final long SEED = 20261201;

  /** A word set with a delta of {@code deltaSize} words and {@value #ADDS} new words to add. */
  @State(Scope.Thread)
  public static class Words {
    @Param({"1000", "10000", "100000", "1000000"})
    public int deltaSize;

    WordDelta start;
    WordDelta set;
    final List<List<byte[]>> adds = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
      Random rnd = new Random(SEED);
      TreeSet<String> base = new TreeSet<>();
      while (base.size() < 100_000) {
        base.add(word(rnd));
      }
      List<byte[]> delta = new ArrayList<>();
      TreeSet<String> seen = new TreeSet<>(base);
      while (delta.size() < deltaSize) {
        String w = word(rnd);
        if (seen.add(w)) {
          delta.add(w.getBytes(StandardCharsets.UTF_8));
        }
      }
      while (adds.size() < ADDS) {
        String w = word(rnd);
        if (seen.add(w)) {
          adds.add(List.of(w.getBytes(StandardCharsets.UTF_8)));
        }
      }
      start = WordDelta.of(WordSet.of(base)).apply(delta, List.of()).set();
      if (start.size() != base.size() + deltaSize) {
        throw new IllegalStateException("delta not as built: " + start.size());
      }
    }

    @Setup(Level.Invocation)
    public void reset() {
      set = start;
    }

    private static String word(Random rnd) {
      char[] c = new char[8 + rnd.nextInt(5)];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) ('a' + rnd.nextInt(26));
      }
      return new String(c);
    }
  }

  /** A number set with a delta of {@code deltaSize} values and {@value #ADDS} new values to add. */
  @State(Scope.Thread)
  public static class Numbers {
    @Param({"1000", "10000", "100000", "1000000"})
    public int deltaSize;

    NumberDelta start;
    NumberDelta set;
    final List<NumberSet> adds = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
      Random rnd = new Random(SEED);
      NumberSetBuilder base = new NumberSetBuilder();
      for (int i = 0; i < 1_000_000; i++) {
        base.add(rnd.nextInt(Integer.MAX_VALUE) & ~1); // even: the delta's odd values are new
      }
      NumberSetBuilder delta = new NumberSetBuilder();
      for (int i = 0; i < deltaSize; i++) {
        delta.add(rnd.nextInt(Integer.MAX_VALUE) | 1);
      }
      for (int i = 0; i < ADDS; i++) {
        adds.add(NumberSet.of(rnd.nextInt(Integer.MAX_VALUE) | 1));
      }
      start = NumberDelta.of(base.build()).apply(delta.build(), NumberSet.empty()).set();
    }

    @Setup(Level.Invocation)
    public void reset() {
      set = start;
    }
  }

  @Benchmark
  @OperationsPerInvocation(ADDS)
  public WordDelta addWord(Words s) {
    WordDelta set = s.set;
    for (List<byte[]> w : s.adds) {
      set = set.apply(w, List.of()).set();
    }
    return set;
  }

  @Benchmark
  @OperationsPerInvocation(ADDS)
  public NumberDelta addNumber(Numbers s) {
    NumberDelta set = s.set;
    for (NumberSet n : s.adds) {
      set = set.apply(n, NumberSet.empty()).set();
    }
    return set;
  }
}
