package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Request targets are percent-encoded as RFC 3986 asks, and the server reads back what was meant. */
class PathEncodingTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  /** Words a form encoder or a raw query would change: space, +, %, &, =, #, ?, /, non-ASCII. */
  static final List<String> AWKWARD = List.of(
      "a b", "a+b", "a%20b", "100%", "x&y=z", "#tag", "why?", "and/or", "café", "日本語", "🙂 smile", "a~b", "+");

  static CliRun run(String... args) {
    return CliRun.run(server.http().base, args);
  }

  @Test
  void encodesEveryByteButTheUnreservedOnes() {
    assertEquals("a%20b", ApiPath.encode("a b"));
    assertEquals("a%2Bb", ApiPath.encode("a+b"));
    assertEquals("and%2For", ApiPath.encode("and/or"));
    assertEquals("100%25", ApiPath.encode("100%"));
    assertEquals("caf%C3%A9", ApiPath.encode("café"));
    assertEquals("%F0%9F%99%82", ApiPath.encode("🙂"));
    assertEquals("Az09-._~", ApiPath.encode("Az09-._~"));
    assertEquals("/v1/words/en%20x/prefix?prefix=a%2Bb%26c%3Dd&limit=5",
        ApiPath.of("v1", "words", "en x", "prefix").query("prefix", "a+b&c=d").query("limit", 5).query("after", null).toString());
  }

  @Test
  void awkwardWordsAreFoundByContainsAndPrefix(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("awkward.txt");
    Files.write(file, (String.join("\n", AWKWARD) + "\nplain\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(0, run("load", "--no-progress", "words", "awkward", file.toString()).code());

    String[] args = new String[3 + AWKWARD.size()];
    args[0] = "contains";
    args[1] = "words";
    args[2] = "awkward";
    for (int i = 0; i < AWKWARD.size(); i++) {
      args[3 + i] = AWKWARD.get(i);
    }
    CliRun contains = run(args);
    assertEquals(0, contains.code(), contains.toString());
    for (String word : AWKWARD) {
      assertTrue(contains.out().contains(word + "\tpresent\n"), word + "\n" + contains);
    }
    assertEquals(SieveCli.ABSENT, run("contains", "words", "awkward", "a  b").code());

    // each awkward word as a prefix: in a query, where + is a space and & ends a value unless escaped
    for (String word : AWKWARD) {
      CliRun prefix = run("prefix", "awkward", word);
      assertEquals(0, prefix.code(), prefix.toString());
      TreeSet<String> expected = new TreeSet<>();
      for (String w : AWKWARD) {
        if (w.startsWith(word)) {
          expected.add(w);
        }
      }
      assertEquals(expected, new TreeSet<>(prefix.out().lines().toList()), "prefix " + word);
    }
  }

  @Test
  void pagesThroughAwkwardWordsWithTheCursorEscaped(@TempDir Path dir) throws IOException {
    // pages of one word: every cursor (the page's last word) goes back in a query
    StringBuilder words = new StringBuilder();
    TreeSet<String> expected = new TreeSet<>();
    for (String w : AWKWARD) {
      words.append("p").append(w).append('\n');
      expected.add("p" + w);
    }
    Path file = dir.resolve("paged.txt");
    Files.writeString(file, words, StandardCharsets.UTF_8);
    assertEquals(0, run("load", "--no-progress", "words", "paged", file.toString()).code());
    CliRun one = run("--json", "prefix", "paged", "p", "--limit", "1");
    assertEquals(1, one.out().lines().count(), one.toString());
    CliRun json = run("--json", "prefix", "paged", "p", "--limit", "1", "--all");
    assertEquals(AWKWARD.size(), json.out().lines().count(), json.toString()); // a page per word
    CliRun all = run("prefix", "paged", "p", "--all", "--limit", "1");
    assertEquals(List.copyOf(expected), all.out().lines().toList(), all.toString()); // byte order: code point order
    assertEquals("(" + AWKWARD.size() + " of " + AWKWARD.size() + " words with prefix \"p\")\n", all.err());
  }

  @Test
  void aSetNameIsSentAsOneSegmentAndTheServerSaysWhatIsWrongWithIt() {
    for (String name : List.of("a b", "a+b", "and/or", "é")) {
      CliRun stats = run("stats", "words", name);
      assertEquals(SieveCli.SERVER_ERROR, stats.code(), stats.toString());
      assertTrue(stats.err().startsWith("sieve: 400 invalid set name"), stats.toString());
      assertTrue(stats.err().contains(name), name + ": " + stats);
    }
  }

  @Test
  void dotSegmentsAreRefusedBeforeTheyBecomeAnotherRoute() {
    // "." and ".." match the name rule, but /v1/words/. is /v1/words once resolved: the list
    for (String name : List.of(".", "..")) {
      CliRun stats = run("stats", "words", name);
      assertEquals(SieveCli.USAGE, stats.code(), stats.toString());
      assertTrue(stats.err().contains("'" + name + "' cannot be sent in a URL path"), stats.toString());
      assertEquals("", stats.out());
    }
  }
}
