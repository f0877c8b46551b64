package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code range}, {@code combine}, {@code export} of numbers and {@code loads} against a real server. */
class NumberCommandsTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @TempDir
  Path dir;

  static CliRun run(String... args) {
    return CliRun.run(server.http().base, args);
  }

  /** Loads {@code values} (a line each) into a number set; the oracle. */
  private TreeSet<Long> load(String name, long... values) throws IOException {
    TreeSet<Long> oracle = new TreeSet<>();
    StringBuilder lines = new StringBuilder();
    for (long v : values) {
      oracle.add(v);
      lines.append(v).append('\n');
    }
    Path file = dir.resolve(name + ".txt");
    Files.writeString(file, lines);
    CliRun load = run("load", "--no-progress", "numbers", name, file.toString());
    assertEquals(0, load.code(), load.toString());
    return oracle;
  }

  private static List<Long> longs(String lines) {
    List<Long> out = new ArrayList<>();
    lines.lines().forEach(l -> out.add(Long.parseLong(l)));
    return out;
  }

  @Test
  void rangeListsMembersInHalfOpenIntervalsAgainstATreeSet() throws IOException {
    Random random = new Random(13);
    long[] values = new long[3_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(50_000) + (i % 3 == 0 ? (1L << 33) : 0); // some beyond 32 bits
    }
    TreeSet<Long> oracle = load("rng", values);
    for (int trial = 0; trial < 20; trial++) {
      long from = random.nextInt(60_000);
      long to = from + random.nextInt(20_000);
      CliRun range = run("range", "rng", Long.toString(from), Long.toString(to), "--all");
      assertEquals(0, range.code(), range.toString());
      assertEquals(List.copyOf(oracle.subSet(from, to)), longs(range.out()), from + ".." + to);
      assertTrue(range.err().contains(" numbers in [" + from + ", " + to + ")"), range.err());
    }
    CliRun some = run("range", "rng", "0", "--limit", "5");
    assertEquals(List.copyOf(oracle).subList(0, 5), longs(some.out()));
    assertEquals("(5 of " + Units.count(oracle.size()) + " numbers from 0 on)\n", some.err());
    CliRun high = run("range", "rng", Long.toString(1L << 33), "--all");
    assertEquals(List.copyOf(oracle.tailSet(1L << 33)), longs(high.out()));
  }

  @Test
  void rangeJsonPrintsEachPageAsTheServerSentIt() throws IOException {
    load("rngj", 1, 2, 3, 4, 5);
    CliRun json = run("--json", "range", "rngj", "2", "5", "--limit", "2", "--all");
    List<String> pages = json.out().lines().toList();
    assertEquals(2, pages.size(), json.out());
    assertEquals(server.http().get("/v1/numbers/rngj/range?from=2&to=5&limit=2").body(), pages.get(0));
    assertEquals(3, new JsonObject(pages.get(1)).getLong("count"));
    assertEquals("", json.err());
    assertEquals(SieveCli.USAGE, run("range", "rngj", "two").code());
  }

  @Test
  void combineBuildsTheTargetLikeSetAlgebraOnTreeSets() throws IOException {
    TreeSet<Long> a = load("ca", 1, 2, 3, 4, 5, 6);
    TreeSet<Long> b = load("cb", 4, 5, 6, 7, 8);
    TreeSet<Long> c = load("cc", 5, 8, 9);
    TreeSet<Long> and = new TreeSet<>(a);
    and.retainAll(b);
    and.retainAll(c);
    TreeSet<Long> andnot = new TreeSet<>(a);
    andnot.removeAll(b);
    TreeSet<Long> or = new TreeSet<>(a);
    or.addAll(b);
    or.addAll(c);

    CliRun built = run("combine", "and", "c-and", "ca", "cb", "cc");
    assertEquals(0, built.code(), built.toString());
    assertTrue(built.out().startsWith("numbers c-and: 1 numbers, "), built.out());
    assertEquals(List.copyOf(and), longs(run("range", "c-and", "0", "--all").out()));
    assertEquals(0, run("combine", "ANDNOT", "c-andnot", "ca", "cb").code());
    assertEquals(List.copyOf(andnot), longs(run("range", "c-andnot", "0", "--all").out()));
    CliRun json = run("combine", "or", "c-or", "ca", "cb", "cc", "--json");
    assertEquals(or.size(), new JsonObject(json.out()).getLong("cardinality"));

    CliRun missing = run("combine", "or", "c-x", "ca", "no-such");
    assertEquals(SieveCli.SERVER_ERROR, missing.code());
    assertTrue(missing.err().startsWith("sieve: 404 ") && missing.err().contains("no-such"), missing.err());
    assertEquals(SieveCli.USAGE, run("combine", "nand", "c-x", "ca").code());
  }

  @Test
  void exportWritesTheServersBytesAndLoadReadsThemBackByTheirMagic() throws IOException {
    long[] values = new long[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 7L * i;
    }
    load("sev", values);
    byte[] served = server.http().get("/v1/numbers/sev/export").raw().body();

    CliRun toStdout = run("export", "numbers", "sev");
    assertEquals(0, toStdout.code(), toStdout.toString());
    assertArrayEquals(served, toStdout.bytes());
    assertEquals("", toStdout.out());

    Path file = dir.resolve("sev.txt"); // Roaring, whatever the name says
    CliRun toFile = run("export", "numbers", "sev", "-o", file.toString());
    assertEquals("numbers sev: " + Units.count(served.length) + " bytes to " + file + "\n", toFile.out());
    assertArrayEquals(served, Files.readAllBytes(file));
    Path plain = Files.createFile(dir.resolve("plain")); // the umask's permissions, not a temp file's 0600
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    CliRun back = run("load", "--no-progress", "numbers", "sev2", file.toString());
    assertEquals(0, back.code(), back.toString());
    assertArrayEquals(served, server.http().get("/v1/numbers/sev2/export").raw().body());

    Path gz = dir.resolve("sev.roaring");
    CliRun gzipped = run("export", "numbers", "sev", "-o", gz.toString(), "--gzip", "--json");
    assertEquals(Files.size(gz), new JsonObject(gzipped.out()).getLong("bytes"));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      assertArrayEquals(served, in.readAllBytes());
    }
    assertEquals(0, run("load", "--no-progress", "numbers", "sev3", gz.toString()).code());
    assertEquals(10_000, server.http().json("/v1/numbers/sev3").getLong("cardinality"));

    Path kept = dir.resolve("kept.roaring");
    Files.writeString(kept, "old");
    CliRun missing = run("export", "numbers", "no-such", "-o", kept.toString());
    assertEquals(SieveCli.SERVER_ERROR, missing.code());
    assertEquals("old", Files.readString(kept)); // an export that failed leaves the file as it was
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".part")));
    }
    CliRun noDir = run("export", "numbers", "sev", "-o", dir.resolve("no/such/x").toString());
    assertEquals(SieveCli.USAGE, noDir.code());
    assertTrue(noDir.err().contains("no such directory: "), noDir.err());
  }

  @Test
  void loadsShowsEndedLoadsAndTheBudget() throws IOException {
    load("ld", 1, 2, 3);
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "1\nx\n");
    assertEquals(SieveCli.SERVER_ERROR, run("load", "--no-progress", "numbers", "ld-bad", bad.toString()).code());
    CliRun loads = run("loads");
    assertEquals(0, loads.code(), loads.toString());
    assertTrue(loads.out().startsWith("ID  KIND"), loads.out());
    assertTrue(loads.out().lines().anyMatch(l -> l.matches(" *\\d+ +numbers +ld +done +3 .* 3 elements, \\d+ B")), loads.out());
    assertTrue(loads.out().lines().anyMatch(l -> l.matches(" *\\d+ +numbers +ld-bad +failed .*line 2.*")), loads.out());
    assertTrue(loads.out().contains("\nload memory: 0 B of "), loads.out());
    JsonObject json = new JsonObject(run("loads", "--json").out());
    assertTrue(json.getJsonArray("recent").size() >= 2, json.encode());
    assertEquals(0, json.getJsonObject("memory").getLong("reserved"));
  }
}
