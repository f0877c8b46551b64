package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start says why in one line (the port, the data directory, the damaged
 * file) and exits non-zero, with no stack trace; a damaged journal record before the tail
 * refuses the start, a torn tail is cut.
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
      assertTrue(ownLines().stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("SEVERE") || l.contains("Exception")),
          String.join("\n", lines));
    }

    /**
     * The lines without Vert.x's blocked-thread warnings: on a machine loaded enough that an event
     * loop stalls seconds at start, its checker prints a stack trace of its own (not the start
     * failure's, which is what must say its reason in one line).
     */
    List<String> ownLines() {
      List<String> own = new java.util.ArrayList<>();
      boolean inBlockedTrace = false;
      for (String l : lines) {
        if (l.contains("BlockedThreadChecker") || l.contains("has been blocked for")) {
          inBlockedTrace = true;
        } else if (!(inBlockedTrace && (l.startsWith("\tat ") || l.startsWith("\t... ")
            || l.contains("VertxException: Thread blocked")))) {
          inBlockedTrace = false;
          own.add(l);
        }
      }
      return own;
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
    // the journal preallocates nothing: a disk full to its last block is what stops a start now
    try (Tmpfs small = Tmpfs.mount(tmp.resolve("small"), "size=4m")) {
      small.fill("filler");
      Path data = small.dir.resolve("data");
      Failed f = failedStart("--port", "0", "--no-demo", "--data-dir", data.toString());
      assertEquals(1, f.exit());
      assertTrue(f.reason().startsWith("sieve: cannot start: the disk of the data directory " + data
          + " is full: no space left on device writing the "), f.reason());
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

  /** Byte offsets of the records of a journal segment. */
  private static List<Integer> records(Path segment) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(segment));
    List<Integer> out = new java.util.ArrayList<>();
    for (int at = 24; at < b.limit(); at += 8 + b.getInt(at)) { // after the 24-byte header: length, CRC, body
      out.add(at);
    }
    return out;
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
  }

  /** A server with sets hit (words) and nums, an update of each in the journal, then set later; stopped cleanly. */
  private static Path journalOfTwoUpdates(Path data, String[] args) throws Exception {
    try (ChildServer server = ChildServer.ready(JVM, List.of(), args)) {
      int port = server.port;
      assertEquals(200, send(port, "PUT", "/v1/words/hit", "alpha\n").status());
      assertEquals(200, send(port, "PUT", "/v1/numbers/nums", "1\n2\n").status());
      assertEquals(200, send(port, "POST", "/v1/words/hit/add", "beta\n").status());
      assertEquals(200, send(port, "POST", "/v1/numbers/nums/add", "3\n").status());
      assertEquals(200, send(port, "PUT", "/v1/words/later", "gamma\n").status());
    }
    Path segment = data.resolve("journal").resolve("journal-1.log");
    assertEquals(2, records(segment).size());
    return segment;
  }

  /**
   * A record before the journal's tail whose CRC32C fails (a flipped bit, intact records after it):
   * no set can be trusted with it (the bit may be in its set's name), so the start is refused,
   * naming the segment and byte offset, and nothing is deleted.
   */
  @Test
  void aDamagedJournalRecordBeforeTheTailRefusesTheStart(@TempDir Path data) throws Exception {
    String[] args = {"--port", "0", "--no-demo", "--data-dir", data.toString()};
    Path segment = journalOfTwoUpdates(data, args);
    int first = records(segment).get(0);
    flip(segment, first + 20); // inside the body of hit's record
    Failed f = failedStart(args);
    assertEquals(1, f.exit());
    assertEquals("sieve: cannot start: damaged journal " + segment + ": the record at byte offset " + first
        + " is damaged (its CRC32C does not match) and intact records follow it (the snapshots are kept: restore the"
        + " file from a backup, or move it aside to start without the updates it holds)", f.reason());
    f.assertNoStackTrace();
    try (var files = Files.list(data.resolve("snapshots"))) {
      assertEquals(3, files.count());
    }
  }

  /** The last record damaged (a torn tail, as a crash mid-append leaves): it is cut, and every set serves. */
  @Test
  void aTornJournalTailIsCutAndEverySetServes(@TempDir Path data) throws Exception {
    String[] args = {"--port", "0", "--no-demo", "--data-dir", data.toString()};
    Path segment = journalOfTwoUpdates(data, args);
    int last = records(segment).get(1);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    try (ChildServer server = ChildServer.ready(JVM, List.of(), args)) {
      int port = server.port;
      assertEquals("{\"word\":\"beta\",\"present\":true}", send(port, "GET", "/v1/words/hit/contains?word=beta", null).body());
      assertEquals("{\"n\":3,\"present\":false}", send(port, "GET", "/v1/numbers/nums/contains?n=3", null).body());
      assertEquals("{\"n\":2,\"present\":true}", send(port, "GET", "/v1/numbers/nums/contains?n=2", null).body());
      assertEquals(200, send(port, "GET", "/v1/words/later", null).status());
      assertTrue(server.lines.stream().anyMatch(l -> l.contains("WARNING") && l.contains("cut at byte offset " + last)),
          server.lines.toString());
    }
    assertEquals(List.of(records(segment).get(0)), records(segment));
  }
}
