package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code sieve fuzzy} and {@code sieve match} against a real server. */
class SearchCommandsTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SieveCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--url", server.http().base));
    all.addAll(List.of(args));
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  @BeforeAll
  static void load() {
    assertEquals(200, server.http().put("/v1/words/en", "word\nwork\nworld\nwrod\ncat\ncot\ncut\ncart\n").status());
  }

  @Test
  void fuzzyListsClosestFirst() {
    Run run = run("fuzzy", "en", "wrod", "-t");
    assertEquals(0, run.code(), run.err());
    assertEquals("wrod\t0\nword\t1\n", run.out());
    assertTrue(run.err().contains("(2 of 2 words within 1 of \"wrod\")"), run.err());
    Run paged = run("fuzzy", "en", "word", "--distance", "2", "--limit", "1", "--all");
    assertEquals("word\t0\nwork\t1\nworld\t1\nwrod\t2\n", paged.out());
    Run bad = run("fuzzy", "en", "word", "--distance", "3");
    assertEquals(SieveCli.SERVER_ERROR, bad.code());
    assertTrue(bad.err().contains("distance must be 0..2: 3"), bad.err());
  }

  @Test
  void matchListsInOrder() {
    Run run = run("match", "en", "c?t*");
    assertEquals(0, run.code(), run.err());
    assertEquals("cat\ncot\ncut\n", run.out());
    assertTrue(run.err().contains("(3 of 3 words matching \"c?t*\")"), run.err());
    Run bad = run("match", "en", "c[at");
    assertEquals(SieveCli.SERVER_ERROR, bad.code());
    assertTrue(bad.err().contains("at code point 2"), bad.err());
  }
}
