package dev.sieve.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The interned trie against {@code HashSet<String>}, {@code TreeSet<String>} and Lucene's FST on
 * real word lists: {@code contains} on members and on non-members (separately), listing
 * {@value Queries#LISTED} words under a prefix, and building from sorted input.
 *
 * <p><b>Fresh strings.</b> A {@code String} caches its hash, so querying the same objects again
 * and again would hide {@code HashSet}'s hashing cost. Each invocation therefore queries
 * {@value #BATCH} new {@code String} objects (copies made by a per-invocation setup, not timed)
 * from a pool of {@value #POOL} pre-drawn words, the next slice each time; every structure gets
 * the same treatment. Times are per query ({@link OperationsPerInvocation}).
 *
 * <p>The defaults (1 fork, 3 x 1 s warmup, 5 x 1 s measurement) are sized for a shared 2-core
 * machine; raise them where the machine is quiet.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WordSetBench {
  static final int BATCH = 1 << 14;
  static final int POOL = 1 << 16;

  /** Membership queries: a contender and its pools of members and non-members. */
  @State(Scope.Thread)
  public static class Lookup {
    @Param({"french", "american-insane"})
    public String list;

    @Param({"trie", "trie-utf8", "trie-mapped", "trie-mapped-utf8", "hashset", "treeset", "fst", "fst-utf8"})
    public String structure;

    Contender contender;
    String[] hitPool;
    String[] missPool;
    byte[][] hitUtf8;
    byte[][] missUtf8;
    final String[] hits = new String[BATCH];
    final String[] misses = new String[BATCH];
    final byte[][] hitBytes = new byte[BATCH][];
    final byte[][] missBytes = new byte[BATCH][];
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      WordList words = WordList.load(list);
      contender = Contender.of(structure, words);
      hitPool = Queries.members(words, POOL);
      missPool = Queries.nonMembers(words, POOL);
      hitUtf8 = Arrays.stream(hitPool).map(Queries::utf8).toArray(byte[][]::new);
      missUtf8 = Arrays.stream(missPool).map(Queries::utf8).toArray(byte[][]::new);
      for (int i = 0; i < POOL; i++) {
        if (!contender.contains(Queries.fresh(hitPool[i]))
            || contender.contains(Queries.fresh(missPool[i]))) {
          throw new IllegalStateException(structure + " answers wrongly on query " + i);
        }
      }
    }

    /** Fresh copies of the next slice of the pools (not timed). */
    @Setup(Level.Invocation)
    public void nextBatch() {
      int from = next;
      next = (next + BATCH) % POOL;
      for (int i = 0; i < BATCH; i++) {
        hits[i] = Queries.fresh(hitPool[from + i]);
        misses[i] = Queries.fresh(missPool[from + i]);
        hitBytes[i] = hitUtf8[from + i];
        missBytes[i] = missUtf8[from + i];
      }
    }
  }

  /** Prefix listings: a contender that keeps order, and pre-drawn prefixes. */
  @State(Scope.Thread)
  public static class Listing {
    @Param({"french", "american-insane"})
    public String list;

    @Param({"trie", "treeset", "fst"})
    public String structure;

    Contender contender;
    String[] prefixes;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      WordList words = WordList.load(list);
      for (String w : words.sorted) {
        for (int i = 0; i < w.length(); i++) {
          if (Character.isSurrogate(w.charAt(i))) {
            throw new IllegalStateException(
                list + " has supplementary characters: TreeSet's order would differ");
          }
        }
      }
      contender = Contender.of(structure, words);
      prefixes = Queries.prefixes(words, 4096);
      Contender oracle = Contender.of("treeset", words);
      for (String p : prefixes) {
        List<String> got = contender.list(p, Queries.LISTED);
        if (got.size() != Queries.LISTED || !got.equals(oracle.list(p, Queries.LISTED))) {
          throw new IllegalStateException(structure + " lists wrongly under " + p);
        }
      }
    }

    String nextPrefix() {
      String p = prefixes[next];
      next = (next + 1) & (prefixes.length - 1);
      return p;
    }
  }

  /** Builds: sorted input (trie, fst), any order (trie-unsorted), Java collections. */
  @State(Scope.Thread)
  public static class Build {
    @Param({"french", "american-insane"})
    public String list;

    @Param({"trie", "trie-unsorted", "hashset", "treeset", "fst"})
    public String structure;

    WordList words;
    byte[][] shuffledUtf8;

    @Setup(Level.Trial)
    public void setUp() {
      words = WordList.load(list);
      List<byte[]> l = Arrays.asList(words.sortedUtf8.clone());
      Collections.shuffle(l, new Random(Queries.SEED));
      shuffledUtf8 = l.toArray(new byte[0][]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int containsMember(Lookup s) {
    return s.contender.takesUtf8() ? countUtf8(s.contender, s.hitBytes) : count(s.contender, s.hits);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int containsNonMember(Lookup s) {
    return s.contender.takesUtf8()
        ? countUtf8(s.contender, s.missBytes)
        : count(s.contender, s.misses);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<String> list100(Listing s) {
    return s.contender.list(s.nextPrefix(), Queries.LISTED);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void build(Build s, Blackhole bh) {
    WordList w = s.words;
    switch (s.structure) {
      case "trie":
        bh.consume(Contender.buildTrie(w.sortedUtf8));
        break;
      case "trie-unsorted":
        bh.consume(Contender.collectTrie(s.shuffledUtf8));
        break;
      case "hashset":
        bh.consume(new HashSet<>(Arrays.asList(w.sorted)));
        break;
      case "treeset":
        bh.consume(Contender.buildTreeSet(w.sorted));
        break;
      case "fst":
        bh.consume(FstWordSet.build(w.sortedUtf8));
        break;
      default:
        throw new IllegalArgumentException(s.structure);
    }
  }

  private static int count(Contender c, String[] queries) {
    int n = 0;
    for (String q : queries) {
      if (c.contains(q)) {
        n++;
      }
    }
    return n;
  }

  private static int countUtf8(Contender c, byte[][] queries) {
    int n = 0;
    for (byte[] q : queries) {
      if (c.containsUtf8(q)) {
        n++;
      }
    }
    return n;
  }
}
