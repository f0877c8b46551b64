package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sieve client against a real server on a free port. */
class SieveCliTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @TempDir
  Path dir;

  static CliRun run(String... args) {
    return CliRun.run(server.http().base, args);
  }

  private Path gzip(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void loadsAGzipWordFileWithAProgressBar() throws IOException {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      words.append("word").append(i).append('\n');
    }
    CliRun run = run("load", "words", "cliwords", gzip("words.txt.gz", words.toString()).toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("words cliwords: 50,000 words, "), run.out());
    assertTrue(run.err().contains("cliwords 100%"), run.err()); // the bar's last state
    assertEquals(50_000, server.service().registry().words().get("cliwords").orElseThrow().set().size());

    CliRun present = run("contains", "words", "cliwords", "word7", "word49999");
    assertEquals(0, present.code());
    assertEquals("word7\tpresent\nword49999\tpresent\n", present.out().replace("\r", ""));
    CliRun absent = run("contains", "words", "cliwords", "word7", "nope");
    assertEquals(1, absent.code());
    assertTrue(absent.out().contains("nope\tabsent"), absent.out());
  }

  @Test
  void aCutGzipFileIsRefusedAndTheSetKeepsServing() throws IOException {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      words.append("cut").append(i).append('\n');
    }
    Path whole = gzip("whole.txt.gz", words.toString());
    CliRun first = run("load", "--no-progress", "words", "clicut", whole.toString());
    assertEquals(0, first.code(), first.err());
    long version = server.service().registry().words().get("clicut").orElseThrow().version();

    // a half-downloaded file: the first half of a gzip of other words
    Path other = gzip("other.txt.gz", words.toString().replace("cut", "half"));
    byte[] bytes = Files.readAllBytes(other);
    Path half = dir.resolve("half.txt.gz");
    Files.write(half, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CliRun cut = run("load", "--no-progress", "words", "clicut", half.toString());
    assertEquals(SieveCli.SERVER_ERROR, cut.code(), cut.out());
    assertTrue(cut.err().contains("400 truncated gzip stream after " + bytes.length / 2 + " bytes"), cut.err());
    assertEquals("", cut.out());
    var set = server.service().registry().words().get("clicut").orElseThrow();
    assertEquals(version, set.version());
    assertEquals(100_000, set.set().size());
    assertTrue(set.set().contains("cut99999"));
  }

  @Test
  void loadsNumbersSkippingBadLinesAndReportsRefusals() throws IOException {
    Path file = dir.resolve("numbers.txt");
    Files.writeString(file, "1\n2\nthree\n10-19\n");
    CliRun refused = run("load", "numbers", "clinums", file.toString(), "--no-progress");
    assertEquals(SieveCli.SERVER_ERROR, refused.code());
    assertTrue(refused.err().contains("400") && refused.err().contains("(line 3, code bad_line)"), refused.err());

    CliRun skipped = run("load", "--skip-bad-lines", "--no-progress", "numbers", "clinums", file.toString());
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().startsWith("numbers clinums: 12 numbers, "), skipped.out());
    assertTrue(skipped.out().contains("skipped 1 bad lines (first: [3])"), skipped.out());
    CliRun json = run("--json", "load", "--skip-bad-lines", "--no-progress", "numbers", "clinums", file.toString());
    io.vertx.core.json.JsonObject answer = new io.vertx.core.json.JsonObject(json.out());
    assertEquals(12, answer.getLong("cardinality"));
    assertEquals(1, answer.getLong("skipped"));
    assertEquals(SieveCli.SERVER_ERROR, run("--json", "load", "--no-progress", "numbers", "clinums", file.toString()).code());

    assertEquals(0, run("contains", "numbers", "clinums", "1", "15").code());
    assertEquals(1, run("contains", "numbers", "clinums", "3").code());
    assertEquals(2, run("contains", "numbers", "clinums", "x").code());
    assertEquals(SieveCli.SERVER_ERROR, run("contains", "numbers", "missing", "1").code());
    assertEquals(2, run("load", "numbers", "x", dir.resolve("absent.txt").toString()).code());
  }

  @Test
  void listsByPrefixPageByPage() throws IOException {
    Path file = dir.resolve("animals.txt");
    Files.writeString(file, "cat\ncattle\ncatalog\ncow\ndog\n");
    assertEquals(0, run("load", "words", "animals", file.toString(), "--no-progress").code());
    CliRun some = run("prefix", "animals", "cat", "--limit", "2");
    assertEquals("cat\ncatalog\n", some.out());
    assertTrue(some.err().contains("(2 of 3 words with prefix \"cat\")"), some.err());
    CliRun all = run("prefix", "animals", "c", "--all");
    assertEquals("cat\ncatalog\ncattle\ncow\n", all.out());
  }

  @Test
  void memoryShowsATableWithABarPerSet() throws IOException {
    Path file = dir.resolve("memory.txt");
    Files.writeString(file, "alpha\nbeta\ngamma\n");
    assertEquals(0, run("load", "words", "greek", file.toString(), "--no-progress").code());
    CliRun run = run("memory");
    assertEquals(0, run.code(), run.err());
    String[] lines = run.out().split("\n");
    assertTrue(lines[0].startsWith("KIND") && lines[0].contains("HASHSET") && lines[0].contains("RATIO"), lines[0]);
    String greek = null;
    for (String line : lines) {
      if (line.startsWith("words    greek ")) {
        greek = line;
      }
    }
    assertTrue(greek != null, run.out());
    assertTrue(greek.matches("words +greek +3 +\\d+ B +[0-9.]+ +\\d+ B +\\[#+\\.*\\] +[0-9.]+%"), greek);
    assertTrue(run.out().contains("heap used"), run.out());
  }

  @Test
  void barsCompareBytesWithTheBaseline() {
    assertEquals("[###############...............]", MemoryCommand.bar(50, 100));
    assertEquals("[#.............................]", MemoryCommand.bar(1, 1_000_000));
    assertEquals("[#############################!]", MemoryCommand.bar(300, 100));
    assertEquals("50.0%", MemoryCommand.ratio(50, 100));
  }
}
