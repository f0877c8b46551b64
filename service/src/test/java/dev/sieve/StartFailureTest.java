package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start says why in one line (the port, the data directory, the damaged
 * file) and exits non-zero, with no stack trace; a damaged journal record takes down only the
 * sets it may belong to.
 */
class StartFailureTest {
  private static final List<String> JVM = List.of("-Xmx128m");

  /** Starts a server that must fail: its exit code and every line it printed. */
  private record Failed(int exit, List<String> lines) {
    String reason() {
      return lines.stream().filter(l -> l.startsWith("sieve: cannot start: ")).findFirst()
          .orElseThrow(() -> new AssertionError("no reason in " + lines));
    }

    void assertNoStackTrace() {
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("SEVERE") || l.contains("Exception")),
          String.join("\n", lines));
    }
  }

  private static Failed failedStart(String... args) throws Exception {
    try (ChildServer child = ChildServer.start(JVM, Map.of(), args)) {
      String out = new String(child.process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.process.waitFor(60, TimeUnit.SECONDS));
      return new Failed(child.process.exitValue(), out.lines().toList());
    }
  }

  private static Answer send(int port, String method, String path, String body) {
    return new HttpTestClient(port).send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void aPortInUseIsNamed(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      Failed f = failedStart("--port", String.valueOf(port), "--no-demo", "--data-dir", data.toString());
      assertEquals(1, f.exit());
      assertEquals("sieve: cannot start: port " + port + " is already in use", f.reason());
      f.assertNoStackTrace();
    }
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenIsNamed(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Tmpfs readOnly = null;
    try {
      try {
        readOnly = Tmpfs.mount(data, "ro,size=1m");
      } catch (org.opentest4j.TestAbortedException cannotMount) {
        // no mount here: a directory without write permission, unless this user writes anyway (root)
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean writable;
        try {
          Files.delete(Files.createTempFile(data, "probe", ".tmp"));
          writable = true;
        } catch (IOException e) {
          writable = false;
        }
        assumeTrue(!writable, "neither a read-only mount nor permissions stop this user writing " + data);
      }
      Failed f = failedStart("--port", "0", "--no-demo", "--data-dir", data.toString());
      assertEquals(1, f.exit());
      assertEquals("sieve: cannot start: cannot use the data directory " + data + ": "
          + (readOnly != null ? "Read-only file system" : "permission denied"), f.reason());
      f.assertNoStackTrace();
    } finally {
      if (readOnly != null) {
        readOnly.close();
      }
    }
  }

  @Test
  void aFullDiskIsNamed(@TempDir Path tmp) throws Exception {
    // smaller than the 80 MiB the journal (a Chronicle Map) preallocates at start
    try (Tmpfs small = Tmpfs.mount(tmp.resolve("small"), "size=40m")) {
      Failed f = failedStart("--port", "0", "--no-demo", "--data-dir", small.dir.toString());
      assertEquals(1, f.exit());
      assertTrue(f.reason().startsWith("sieve: cannot start: the disk of the data directory " + small.dir
          + " is full: no space left on device writing the journal " + small.dir.resolve("journal.cm3")), f.reason());
      f.assertNoStackTrace();
    }
  }

  @Test
  void aDataDirectoryThatIsAFileIsNamed(@TempDir Path tmp) throws Exception {
    Path data = Files.writeString(tmp.resolve("data"), "not a directory");
    Failed f = failedStart("--port", "0", "--no-demo", "--data-dir", data.toString());
    assertEquals(1, f.exit());
    assertEquals("sieve: cannot start: cannot use the data directory " + data + ": not a directory", f.reason());
    f.assertNoStackTrace();
  }

  @Test
  void aDamagedCatalogIsNamedAndNothingIsDeleted(@TempDir Path data) throws Exception {
    String[] args = {"--port", "0", "--no-demo", "--data-dir", data.toString()};
    try (ChildServer server = ChildServer.ready(JVM, List.of(), args)) {
      assertEquals(200, send(server.port, "PUT", "/v1/words/kept", "alpha\n").status());
    }
    Path catalog = data.resolve("catalog.cm3");
    try (RandomAccessFile f = new RandomAccessFile(catalog.toFile(), "rw")) {
      f.seek(20);
      f.write("garbage".getBytes(StandardCharsets.US_ASCII));
    }
    long started = System.nanoTime();
    Failed f = failedStart(args);
    assertEquals(1, f.exit());
    assertTrue(f.reason().startsWith("sieve: cannot start: damaged catalog " + catalog
        + ": not a Chronicle Map file"), f.reason());
    f.assertNoStackTrace();
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 50,
        "refused at once, not after Chronicle Map's minute of waiting");
    try (var files = Files.list(data.resolve("snapshots"))) {
      assertEquals(1, files.count(), "the snapshots stay for whoever repairs the catalog");
    }
  }

  /** Offset of the journal record header of {@code kind/name} in {@code journal}. */
  private static int recordOf(byte[] journal, String kind, String name) {
    byte[] k = kind.getBytes(StandardCharsets.UTF_8);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[1 + 2 + k.length + 2 + n.length];
    header[0] = 1; // format
    header[2] = (byte) k.length;
    System.arraycopy(k, 0, header, 3, k.length);
    header[4 + k.length] = (byte) n.length;
    System.arraycopy(n, 0, header, 5 + k.length, n.length);
    int found = -1;
    for (int i = 0; i + header.length <= journal.length; i++) {
      if (Arrays.equals(journal, i, i + header.length, header, 0, header.length)) {
        assertEquals(-1, found, "one record of " + kind + "/" + name);
        found = i;
      }
    }
    assertTrue(found >= 0, "a record of " + kind + "/" + name);
    return found;
  }

  private static void damage(Path journal, String kind, String name, int at, int value) throws IOException {
    byte[] bytes = Files.readAllBytes(journal);
    int record = recordOf(bytes, kind, name);
    try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
      f.seek(record + at);
      f.write(value);
    }
  }

  @Test
  void aDamagedJournalRecordTakesDownOnlyItsSet(@TempDir Path data) throws Exception {
    String[] args = {"--port", "0", "--no-demo", "--data-dir", data.toString()};
    try (ChildServer server = ChildServer.ready(JVM, List.of(), args)) {
      int port = server.port;
      assertEquals(200, send(port, "PUT", "/v1/words/hit", "alpha\n").status());
      assertEquals(200, send(port, "PUT", "/v1/numbers/nums", "1\n2\n").status());
      assertEquals(200, send(port, "POST", "/v1/words/hit/add", "beta\n").status());
      assertEquals(200, send(port, "POST", "/v1/numbers/nums/add", "3\n").status());
      assertEquals(200, send(port, "PUT", "/v1/words/later", "gamma\n").status());
    }
    Path journal = data.resolve("journal.cm3");
    // the operation byte of hit's record: the record still names its set
    damage(journal, "words", "hit", 1 + 2 + 5 + 2 + 3, 0x7f);
    try (ChildServer server = ChildServer.ready(JVM, List.of(), args)) {
      int port = server.port;
      Answer r = send(port, "GET", "/v1/words/hit/contains?word=alpha", null);
      assertEquals(503, r.status(), r.body());
      String why = new JsonObject(r.body()).getString("error");
      assertTrue(why.startsWith("words set 'hit' is unavailable: journal record ") && why.contains("is damaged (unknown operation 127)")
          && why.contains(journal.toString()), why);
      // the others serve, updates replayed
      assertEquals("{\"n\":3,\"present\":true}", send(port, "GET", "/v1/numbers/nums/contains?n=3", null).body());
      assertEquals("{\"word\":\"gamma\",\"present\":true}", send(port, "GET", "/v1/words/later/contains?word=gamma", null).body());
      assertTrue(server.lines.stream().anyMatch(l -> l.contains("SEVERE") && l.contains("words set 'hit' is unavailable")),
          server.lines.toString());
      // a PUT repairs it
      assertEquals(200, send(port, "PUT", "/v1/words/hit", "delta\n").status());
    }
    // a record that no longer says whose it is: every set it may belong to (whose snapshot
    // precedes it) is unavailable, the ones stored after it serve
    damage(journal, "numbers", "nums", 0, 0x55);
    try (ChildServer server = ChildServer.ready(JVM, List.of(), args)) {
      int port = server.port;
      Answer r = send(port, "GET", "/v1/numbers/nums/contains?n=1", null);
      assertEquals(503, r.status(), r.body());
      assertTrue(r.body().contains("no longer says which set it belongs to"), r.body());
      assertEquals("{\"word\":\"delta\",\"present\":true}", send(port, "GET", "/v1/words/hit/contains?word=delta", null).body());
      assertEquals(200, send(port, "GET", "/v1/words/later", null).status());
    }
  }
}
