package dev.sieve.bench;

import dev.sieve.words.Levenshtein;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSearch;
import dev.sieve.words.WordSetBuilder;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fuzzy lookups (issue 14): the trie's {@link WordSearch} with a {@link Levenshtein} automaton
 * (exact count plus the first {@value #PAGE} matches) against Lucene's {@link FuzzyTermsEnum} over
 * an in-memory index of the same words (every term within the distance enumerated, which is what
 * an exact count needs; Lucene's {@code FuzzyQuery} rewrites through this enum), and a brute-force
 * scan (a banded edit-distance check of every word, the floor any index must beat). All three
 * count transpositions as one edit (Lucene's default) on code points, without a required prefix.
 *
 * <p>Queries, fixed seed, {@value #POOL} per kind: {@code edit1}/{@code edit2} are members with 1
 * or 2 random edits (insert, delete, substitute, swap; the result may be a member again),
 * {@code miss} random lowercase strings of a member's length that are not members. Sample time
 * mode: each call is one query, the next of the pool, so the percentiles are over queries. The
 * setup of the peers checks that the three contenders count the same on the first {@value
 * #CHECKED} queries before timing.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FuzzyBench {
  static final int POOL = 1 << 10;
  static final int PAGE = 10;
  /** Queries of the pool whose counts the setup compares across the three contenders (the scan is slow). */
  static final int CHECKED = 128;

  @State(Scope.Thread)
  public static class Lookups {
    @Param({"american-insane"})
    public String list;

    @Param({"1", "2"})
    public int distance;

    @Param({"edit1", "edit2", "miss"})
    public String queries;

    @Param({"trie", "lucene", "scan"})
    public String contender;

    WordDelta trie;
    Terms terms;
    int[][] scanWords;
    String[] pool;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      WordList words = WordList.load(list);
      pool = draw(words, queries);
      WordSetBuilder b = new WordSetBuilder();
      for (byte[] w : words.sortedUtf8) {
        b.add(w, 0, w.length);
      }
      trie = WordDelta.of(b.build());
      if (!contender.equals("trie")) {
        terms = index(words);
        scanWords = new int[words.size()][];
        for (int i = 0; i < words.size(); i++) {
          scanWords[i] = words.sorted[i].codePoints().toArray();
        }
        for (int i = 0; i < CHECKED; i++) {
          String q = pool[i];
          long t = trie(q);
          long l = lucene(q);
          long s = scan(q);
          if (t != l || t != s) {
            throw new IllegalStateException("counts differ for '" + q + "' at " + distance + ": trie " + t
                + ", lucene " + l + ", scan " + s);
          }
        }
      }
    }

    String nextQuery() {
      String q = pool[next];
      next = (next + 1) & (POOL - 1);
      return q;
    }

    long trie(String q) {
      return WordSearch.search(trie, Levenshtein.of(q, distance, true, 0), null, PAGE, WordSearch.DEFAULT_BUDGET).count();
    }

    long lucene(String q) throws IOException {
      return luceneCount(terms, q, distance);
    }

    long scan(String q) {
      int[] a = q.codePoints().toArray();
      long n = 0;
      for (int[] w : scanWords) {
        if (ScanDistance.within(a, w, distance)) {
          n++;
        }
      }
      return n;
    }
  }

  @Benchmark
  public long fuzzy(Lookups s) throws IOException {
    String q = s.nextQuery();
    return switch (s.contender) {
      case "trie" -> s.trie(q);
      case "lucene" -> s.lucene(q);
      default -> s.scan(q);
    };
  }

  /** An in-memory Lucene index with one document per word, merged to one segment. */
  /** Terms within {@code d} of {@code q} (transpositions counted as one edit, no required prefix), every one enumerated. */
  static long luceneCount(Terms terms, String q, int d) throws IOException {
    FuzzyTermsEnum e = new FuzzyTermsEnum(terms, new Term("w", q), d, 0, true);
    long n = 0;
    while (e.next() != null) {
      n++;
    }
    return n;
  }

  static Terms index(WordList words) throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setRAMBufferSizeMB(256))) {
      Document doc = new Document();
      StringField field = new StringField("w", "", Field.Store.NO);
      doc.add(field);
      for (String word : words.sorted) {
        field.setStringValue(word);
        w.addDocument(doc);
      }
      w.forceMerge(1);
    }
    return MultiTerms.getTerms(DirectoryReader.open(dir), "w");
  }

  /** The query pool of one kind, fixed seed. */
  static String[] draw(WordList words, String kind) {
    SplittableRandom r = new SplittableRandom(Queries.SEED + kind.hashCode());
    String[] out = new String[POOL];
    java.util.Set<String> members = new java.util.HashSet<>(java.util.Arrays.asList(words.sorted));
    for (int i = 0; i < POOL; ) {
      String w = words.sorted[r.nextInt(words.size())];
      String q = switch (kind) {
        case "edit1" -> edit(r, w);
        case "edit2" -> edit(r, edit(r, w));
        default -> randomLetters(r, w.codePointCount(0, w.length()));
      };
      if (!q.isEmpty() && (!kind.equals("miss") || !members.contains(q))) {
        out[i++] = q;
      }
    }
    return out;
  }

  private static String randomLetters(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  /** One random edit on code points: insert or substitute a lowercase letter, delete, or swap neighbours. */
  static String edit(SplittableRandom r, String w) {
    int[] cps = w.codePoints().toArray();
    StringBuilder b = new StringBuilder();
    int op = cps.length < 2 ? 0 : r.nextInt(4);
    int at = r.nextInt(cps.length + (op == 0 ? 1 : 0));
    for (int i = 0; i <= cps.length; i++) {
      if (i == at && op == 0) {
        b.append((char) ('a' + r.nextInt(26)));
      }
      if (i == cps.length) {
        break;
      }
      if (i == at && op == 1) {
        continue;
      }
      if (i == at && op == 2) {
        b.append((char) ('a' + r.nextInt(26)));
        continue;
      }
      if (i == at && op == 3 && i + 1 < cps.length) {
        b.appendCodePoint(cps[i + 1]).appendCodePoint(cps[i]);
        i++;
        continue;
      }
      b.appendCodePoint(cps[i]);
    }
    return b.toString();
  }
}
