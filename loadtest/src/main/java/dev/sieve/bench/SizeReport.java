package dev.sieve.bench;

import dev.sieve.words.WordSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints, as Markdown, the memory each word-set structure takes for each word list: the trie
 * ({@code byteSize()}: its one array; and JOL's deep size of the {@code WordSet} object), Lucene's
 * FST ({@code ramBytesUsed()}, Lucene's own accounting, and JOL's deep size), {@code HashSet} and
 * {@code TreeSet} of {@code String} (JOL deep size), with bytes per word and serialized sizes;
 * then the trie's bytes by role and its shape.
 *
 * <pre>
 * java -Djdk.attach.allowAttachSelf=true -cp loadtest/target/benchmarks.jar \
 *     dev.sieve.bench.SizeReport [french] [american-insane]
 * </pre>
 */
public final class SizeReport {
  private SizeReport() {}

  public static void main(String[] args) throws IOException {
    DeepSize.requireAttach();
    List<String> lists = args.length == 0 ? List.of("french", "american-insane") : List.of(args);
    System.out.printf(
        "JVM: %s %s, %s%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("os.arch"));
    for (String name : lists) {
      report(WordList.load(name));
    }
  }

  private static void report(WordList list) throws IOException {
    int n = list.size();
    WordSet trie = Contender.buildTrie(list.sortedUtf8);
    FstWordSet fst = FstWordSet.build(list.sortedUtf8);
    ByteArrayOutputStream trieFile = new ByteArrayOutputStream();
    trie.writeTo(trieFile);

    System.out.printf(
        "### %s (%s): %,d distinct words, %,d bytes of UTF-8 text%n%n",
        list.name, list.path, n, list.fileBytes);
    System.out.println("| structure | bytes | bytes/word | serialized bytes | how measured |");
    System.out.println("|---|---:|---:|---:|---|");
    row("interned trie, its array", trie.byteSize(), n, trieFile.size(), "`WordSet.byteSize()` (exact); serialized: `writeTo`");
    row("interned trie, whole object", DeepSize.of(trie), n, -1, "JOL deep size of the `WordSet`");
    row("Lucene FST (NoOutputs)", fst.ramBytesUsed(), n, fst.serializedBytes(), "`FST.ramBytesUsed()`; serialized: `FST.save`");
    row("Lucene FST, whole object", DeepSize.of(fst.fst), n, -1, "JOL deep size of the `FST`");
    row("`HashSet<String>`", DeepSize.of(new HashSet<>(Arrays.asList(list.sorted))), n, -1, "JOL deep size");
    row("`TreeSet<String>`", DeepSize.of(Contender.buildTreeSet(list.sorted)), n, -1, "JOL deep size");
    row("the word list as a file", list.fileBytes, n, -1, "file size (UTF-8, one word a line)");
    System.out.println();

    System.out.println("Trie bytes by role and shape; FST shape:");
    System.out.println();
    System.out.println("| part | value |");
    System.out.println("|---|---:|");
    for (Map.Entry<String, Long> e : trie.bytesByRole().entrySet()) {
      System.out.printf(Locale.ROOT, "| trie bytes: %s | %,d |%n", e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Long> e : trie.shape().entrySet()) {
      System.out.printf(Locale.ROOT, "| trie %s | %,d |%n", e.getKey(), e.getValue());
    }
    System.out.printf(Locale.ROOT, "| FST nodes | %,d |%n", fst.nodes);
    System.out.printf(Locale.ROOT, "| FST arcs | %,d |%n", fst.arcs);
    System.out.println();
  }

  private static void row(String what, long bytes, int words, long serialized, String how) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.2f | %s | %s |%n",
        what,
        bytes,
        (double) bytes / words,
        serialized < 0 ? "" : String.format(Locale.ROOT, "%,d", serialized),
        how);
  }
}
