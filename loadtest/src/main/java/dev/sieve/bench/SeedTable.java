package dev.sieve.bench;

import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * The "seed table" of {@code ../shared/seeds/README.md} in Java: the memory figures of the course
 * slides Sieve grew from (Python: {@code list} vs {@code array}, {@code set} vs {@code bitarray},
 * {@code set} vs {@code datrie}), measured for the Java structures that play the same parts, with
 * the slides' figures beside them. Prints Markdown.
 *
 * <p>How each figure is obtained is printed beside it: JOL deep size of the live structure, or
 * exact layout arithmetic from JOL's object and array sizes for this JVM (for arrays, and for the
 * 10^8 boxed {@code Long}s, whose object graph is too large to walk; the arithmetic is checked
 * against a JOL walk of the same structure at 10^6 elements, and against the heap growth).
 *
 * <pre>
 * java -Xmx6g -Djdk.attach.allowAttachSelf=true -cp loadtest/target/benchmarks.jar \
 *     dev.sieve.bench.SeedTable [numbers] [sparse] [words]
 * </pre>
 */
public final class SeedTable {
  private static final double MIB = 1024.0 * 1024.0;
  private static final long SEED = 20261121L;

  private SeedTable() {}

  public static void main(String[] args) {
    DeepSize.requireAttach();
    List<String> cases = args.length == 0 ? List.of("numbers", "sparse", "words") : List.of(args);
    System.out.printf(
        "JVM: %s %s, max heap %,d MiB%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("| case | structure | bytes | MiB | how measured | slides (Python) |");
    System.out.println("|---|---|---:|---:|---|---|");
    for (String c : cases) {
      switch (c) {
        case "numbers":
          naturals(100_000_000);
          break;
        case "sparse":
          halfOfTenMillion();
          break;
        case "words":
          french();
          break;
        default:
          throw new IllegalArgumentException("unknown case " + c + "; cases: numbers sparse words");
      }
    }
  }

  // ------------------------------------------------------------------ 10^8 naturals

  private static void naturals(int n) {
    String c = "10^8 naturals 0..10^8-1";
    // Arithmetic for the boxed list, checked against a JOL walk at 10^6.
    int small = 1_000_000;
    ArrayList<Long> check = boxed(small);
    long modelSmall = boxedListBytes(check, small);
    long jolSmall = DeepSize.of(check);
    check = null;
    String how =
        String.format(
            Locale.ROOT,
            "layout arithmetic: ArrayList + Object[n] + n Long objects (JOL sizes; at 10^6 it"
                + " gives %,d, JOL's walk %,d)",
            modelSmall,
            jolSmall);
    long heapGrowth = -1;
    if (Runtime.getRuntime().maxMemory() > 4L << 30) {
      long before = usedHeap();
      ArrayList<Long> list = boxed(n);
      heapGrowth = usedHeap() - before;
      row(c, "`ArrayList<Long>`", boxedListBytes(list, n),
          how + String.format(Locale.ROOT, "; heap grew by %,d", heapGrowth), "`list`: 3,668 MiB");
      list = null;
    } else {
      row(c, "`ArrayList<Long>` (model: heap too small to build it)", modelBytes(n),
          how, "`list`: 3,668 MiB");
    }
    row(c, "`long[]`", DeepSize.array("long", n), "array arithmetic (header + 8 n)", "`array('Q')`: 745 MiB");
    row(c, "`int[]`", DeepSize.array("int", n), "array arithmetic (header + 4 n)", "`cyarray`: 381 MiB");
    // runCompress(false): plain bitmap containers first, then runOptimize() turns them into runs.
    RoaringBitmapWriter<RoaringBitmap> w = RoaringBitmapWriter.writer().runCompress(false).get();
    for (int i = 0; i < n; i++) {
      w.add(i);
    }
    RoaringBitmap r = w.get();
    row(c, "`RoaringBitmap` (bitmap containers)", DeepSize.of(r),
        String.format(Locale.ROOT, "JOL deep size; serialized %,d bytes", r.serializedSizeInBytes()), "");
    r.runOptimize();
    row(c, "`RoaringBitmap` after `runOptimize()`", DeepSize.of(r),
        String.format(Locale.ROOT, "JOL deep size; serialized %,d bytes", r.serializedSizeInBytes()), "");
  }

  private static ArrayList<Long> boxed(int n) {
    ArrayList<Long> list = new ArrayList<>(n);
    for (long i = 0; i < n; i++) {
      list.add(i);
    }
    return list;
  }

  /** The list object, its backing array (capacity n exactly: presized), and n Long objects. */
  private static long boxedListBytes(ArrayList<Long> list, int n) {
    return DeepSize.shallow(list) + DeepSize.array("object", n) + n * DeepSize.shallow(1_000_000L);
  }

  private static long modelBytes(int n) {
    return DeepSize.shallow(new ArrayList<Long>()) + DeepSize.array("object", n)
        + n * DeepSize.shallow(1_000_000L);
  }

  // ------------------------------------------------------------------ 10^7 at density 1/2

  private static void halfOfTenMillion() {
    int range = 10_000_000;
    String c = "naturals < 10^7, each kept with p = 1/2";
    SplittableRandom rnd = new SplittableRandom(SEED);
    BitSet bits = new BitSet(range);
    for (int i = 0; i < range; i++) {
      if (rnd.nextBoolean()) {
        bits.set(i);
      }
    }
    int kept = bits.cardinality();
    HashSet<Long> set = new HashSet<>();
    RoaringBitmap r = new RoaringBitmap();
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      set.add((long) i);
      r.add(i);
    }
    r.runOptimize();
    String cc = String.format(Locale.ROOT, "%s (%,d kept)", c, kept);
    row(cc, "`HashSet<Long>`", DeepSize.of(set), "JOL deep size", "`set`: 291.6 MiB");
    set = null;
    row(cc, "`java.util.BitSet`", DeepSize.of(bits), "JOL deep size", "`bitarray`: 10^7 bits = 1.19 MiB");
    row(cc, "`RoaringBitmap`", DeepSize.of(r),
        String.format(Locale.ROOT, "JOL deep size; serialized %,d bytes", r.serializedSizeInBytes()), "");
  }

  // ------------------------------------------------------------------ wfrench

  private static void french() {
    WordList list = WordList.load("french");
    String c = String.format(Locale.ROOT, "wfrench, %,d words", list.size());
    HashSet<String> set = new HashSet<>(Arrays.asList(list.sorted));
    WordSet trie = Contender.buildTrie(list.sortedUtf8);
    byte[][] utf8 = new byte[list.size()][];
    for (int i = 0; i < utf8.length; i++) {
      utf8[i] = list.sorted[i].getBytes(StandardCharsets.UTF_8);
    }
    double setMs = lookUpAll(list, w -> set.contains(w));
    double trieMs = lookUpAll(list, w -> trie.contains(w));
    double trieUtf8Ms = lookUpAllUtf8(utf8, trie);
    row(c, "`HashSet<String>`", DeepSize.of(set),
        String.format(Locale.ROOT, "JOL deep size; all members looked up in %.1f ms", setMs),
        "`set`: 37.68 MiB; all looked up in 21.7 ms");
    row(c, "`WordSet` (interned trie)", DeepSize.of(trie),
        String.format(Locale.ROOT,
            "JOL deep size (its array alone: %,d); all members looked up in %.1f ms"
                + " (from UTF-8 bytes: %.1f ms)", trie.byteSize(), trieMs, trieUtf8Ms),
        "`datrie.Trie`: 19.63 MiB; all looked up in 120 ms");
  }

  interface Lookup {
    boolean test(String w);
  }

  /**
   * Median wall time, in ms, of looking up every word once, from fresh String copies (made before
   * each pass, not timed, so hashes are not cached), after 5 untimed passes; 11 timed passes.
   */
  private static double lookUpAll(WordList list, Lookup lookup) {
    double[] ms = new double[11];
    for (int pass = -5; pass < ms.length; pass++) {
      String[] fresh = new String[list.size()];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = Queries.fresh(list.sorted[i]);
      }
      long t0 = System.nanoTime();
      int found = 0;
      for (String w : fresh) {
        if (lookup.test(w)) {
          found++;
        }
      }
      long t1 = System.nanoTime();
      if (found != fresh.length) {
        throw new IllegalStateException("lost members: " + found + " of " + fresh.length);
      }
      if (pass >= 0) {
        ms[pass] = (t1 - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  private static double lookUpAllUtf8(byte[][] words, WordSet trie) {
    double[] ms = new double[11];
    for (int pass = -5; pass < ms.length; pass++) {
      long t0 = System.nanoTime();
      int found = 0;
      for (byte[] w : words) {
        if (trie.contains(w, 0, w.length)) {
          found++;
        }
      }
      long t1 = System.nanoTime();
      if (found != words.length) {
        throw new IllegalStateException("lost members: " + found + " of " + words.length);
      }
      if (pass >= 0) {
        ms[pass] = (t1 - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  // ------------------------------------------------------------------ output

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void row(String c, String structure, long bytes, String how, String slides) {
    System.out.printf(
        Locale.ROOT, "| %s | %s | %,d | %,.2f | %s | %s |%n", c, structure, bytes, bytes / MIB, how, slides);
  }
}
