package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** {@code list}, {@code stats}, {@code add}, {@code remove} and {@code delete} against a real server with a token. */
class SetCommandsTest {
  static final String TOKEN = "cli-secret";

  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withToken(TOKEN));

  @TempDir
  Path dir;

  static CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--token";
    all[1] = TOKEN;
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(server.http().base, all);
  }

  private void put(String kind, String name, String lines) {
    server.http().token = TOKEN;
    assertEquals(200, server.http().send("PUT", "/v1/" + kind + "/" + name, lines.getBytes(StandardCharsets.UTF_8), "text/plain").status());
  }

  @Test
  void listShowsEachSetWithItsSizeAndJsonIsTheServersAnswer() {
    put("words", "list-w", "alpha\nbeta\n");
    put("numbers", "list-n", "1\n5-9\n");
    CliRun both = run("list");
    assertEquals(0, both.code(), both.toString());
    String[] lines = both.out().split("\n");
    assertTrue(lines[0].matches("KIND +NAME +ELEMENTS +BYTES +B/ELEM +VERSION +DELTA +LOADED"), lines[0]);
    assertTrue(both.out().lines().anyMatch(l -> l.matches("words +list-w +2 +\\d+ B +[0-9.]+ +\\d+ +\\S+")), both.out());
    assertTrue(both.out().lines().anyMatch(l -> l.matches("numbers +list-n +6 +\\d+ B +[0-9.]+ +\\d+ +\\S+")), both.out());

    CliRun numbers = run("list", "numbers");
    assertFalse(numbers.out().contains("list-w"), numbers.out());
    assertTrue(numbers.out().contains("list-n"), numbers.out());

    // --json before or after the subcommand: the server's answer, one line per kind asked
    CliRun json = run("list", "--json");
    assertEquals(2, json.out().lines().count(), json.out());
    assertEquals(server.http().get("/v1/words").body(), json.out().lines().findFirst().orElseThrow());
    CliRun jsonNumbers = run("--json", "list", "numbers");
    assertEquals(server.http().json("/v1/numbers"), new JsonObject(jsonNumbers.out()));
  }

  @Test
  void statsPrintsEveryFieldTheServerSends() {
    put("numbers", "stats-n", "3\n4\n1000000\n");
    CliRun stats = run("stats", "numbers", "stats-n");
    assertEquals(0, stats.code(), stats.toString());
    assertTrue(stats.out().startsWith("name: stats-n\nkind: numbers\ncount: 3\n"), stats.out());
    assertTrue(stats.out().contains("\ncardinality: 3\n"), stats.out());
    assertTrue(stats.out().contains("\ndelta.added: 0\n"), stats.out()); // nested objects flattened

    CliRun json = run("stats", "numbers", "stats-n", "--json");
    JsonObject answer = new JsonObject(json.out());
    assertEquals(3, answer.getLong("cardinality"));
    assertEquals(server.http().json("/v1/numbers/stats-n").getLong("version"), answer.getLong("version"));

    CliRun missing = run("--json", "stats", "words", "no-such-set");
    assertEquals(SieveCli.SERVER_ERROR, missing.code());
    assertTrue(missing.err().startsWith("sieve: 404 "), missing.toString());
    assertTrue(new JsonObject(missing.out()).getString("error").contains("no-such-set"), missing.out()); // the server's error body, as is
  }

  @Test
  void addAndRemoveFromArgumentsFileAndStandardInput() throws IOException {
    put("words", "upd-w", "alpha\n");
    CliRun add = run("add", "words", "upd-w", "beta", "two words", "a+b", "alpha");
    assertEquals(0, add.code(), add.toString());
    assertTrue(add.out().matches("words upd-w: added 3, now 4 words \\(version \\d+\\)\n"), add.out());
    assertEquals(SieveCli.ABSENT, run("contains", "words", "upd-w", "two words", "a b").code());
    assertEquals(0, run("contains", "words", "upd-w", "two words", "a+b", "beta").code());

    Path gz = dir.resolve("more.txt"); // gzip, whatever its name says
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("gamma\ndelta\n".getBytes(StandardCharsets.UTF_8));
    }
    CliRun fromFile = run("add", "words", "upd-w", "-f", gz.toString());
    assertEquals(0, fromFile.code(), fromFile.toString());
    assertTrue(fromFile.out().startsWith("words upd-w: added 2, now 6 words"), fromFile.out());

    CliRun fromStdin = CliRun.withStdin(server.http().base, "beta\ngamma\nnope\n".getBytes(StandardCharsets.UTF_8),
        "--token", TOKEN, "--json", "remove", "words", "upd-w", "-");
    assertEquals(0, fromStdin.code(), fromStdin.toString());
    JsonObject removed = new JsonObject(fromStdin.out());
    assertEquals(2, removed.getLong("removed"));
    assertEquals(4, removed.getLong("count"));
    assertEquals(SieveCli.ABSENT, run("contains", "words", "upd-w", "beta").code());
  }

  @Test
  void numberUpdatesTakeRangesAndTheServerJudgesBadValues() throws IOException {
    put("numbers", "upd-n", "1\n");
    CliRun add = run("add", "numbers", "upd-n", "7", "10-19");
    assertEquals(0, add.code(), add.toString());
    assertTrue(add.out().startsWith("numbers upd-n: added 11, now 12 numbers"), add.out());
    CliRun remove = run("remove", "numbers", "upd-n", "10-14", "99");
    assertTrue(remove.out().startsWith("numbers upd-n: removed 5, now 7 numbers"), remove.out());

    CliRun bad = run("add", "numbers", "upd-n", "12", "twelve");
    assertEquals(SieveCli.SERVER_ERROR, bad.code(), bad.toString());
    assertTrue(bad.err().startsWith("sieve: 400 ") && bad.err().contains("twelve"), bad.err());
    assertEquals(7, server.http().json("/v1/numbers/upd-n").getLong("cardinality")); // whole or nothing

    Path roaring = dir.resolve("ids.txt");
    RoaringBitmap bitmap = RoaringBitmap.bitmapOf(1, 2, 3);
    try (var out = new java.io.DataOutputStream(Files.newOutputStream(roaring))) {
      bitmap.serialize(out);
    }
    CliRun refused = run("add", "numbers", "upd-n", "-f", roaring.toString());
    assertEquals(SieveCli.USAGE, refused.code());
    assertTrue(refused.err().contains("is a Roaring bitmap: add takes lines"), refused.err());
  }

  @Test
  void updatesNeedValuesOrAFileButNotBoth() {
    put("words", "upd-x", "a\n");
    CliRun none = run("add", "words", "upd-x");
    assertEquals(SieveCli.USAGE, none.code());
    assertTrue(none.err().contains("give either VALUE... or -f FILE"), none.err());
    assertEquals(SieveCli.USAGE, run("add", "words", "upd-x", "b", "-f", dir.resolve("f").toString()).code());
    CliRun noFile = run("add", "words", "upd-x", "-f", dir.resolve("absent.txt").toString());
    assertEquals(SieveCli.USAGE, noFile.code());
    assertTrue(noFile.err().contains("no such file: "), noFile.err());
  }

  @Test
  void deleteNeedsTheTokenAndSaysWhatItDid() {
    put("words", "del-w", "a\n");
    CliRun withoutToken = CliRun.run(server.http().base, "delete", "words", "del-w");
    assertEquals(SieveCli.SERVER_ERROR, withoutToken.code());
    assertTrue(withoutToken.err().startsWith("sieve: 401 "), withoutToken.err());

    CliRun deleted = run("delete", "words", "del-w");
    assertEquals(0, deleted.code(), deleted.toString());
    assertEquals("deleted words del-w\n", deleted.out());
    assertEquals(404, server.http().get("/v1/words/del-w").status());

    put("words", "del-w", "a\n");
    CliRun json = run("delete", "--json", "words", "del-w");
    assertEquals(new JsonObject().put("kind", "words").put("name", "del-w").put("deleted", true), new JsonObject(json.out()));
    CliRun again = run("delete", "words", "del-w");
    assertEquals(SieveCli.SERVER_ERROR, again.code());
    assertTrue(again.err().startsWith("sieve: 404 "), again.err());
  }
}
