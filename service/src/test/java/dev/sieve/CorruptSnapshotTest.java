package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import io.vertx.core.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot damaged on disk (a flipped byte, a truncated file): the server refuses that set with
 * a log line and a 503 naming it, serves the others, and never serves garbage.
 */
class CorruptSnapshotTest {

  private static Answer send(int port, String method, String path, String body) {
    return new HttpTestClient(port).send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
  }

  private static Path snapshot(Path data, String prefix) throws Exception {
    try (Stream<Path> s = Files.list(data.resolve("snapshots"))) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  @Test
  void aDamagedSnapshotMakesOnlyItsSetUnavailable(@TempDir Path data) throws Exception {
    List<String> jvm = List.of("-Xmx192m");
    List<String> without = List.of();
    String[] args = {"--port", "0", "--no-demo", "--data-dir", data.toString()};
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 100_000; i += 3) {
      numbers.append(i).append('\n');
    }
    try (ChildServer server = ChildServer.ready(jvm, without, args)) {
      assertEquals(200, send(server.port, "PUT", "/v1/words/good", "alpha\nbeta\n").status());
      assertEquals(200, send(server.port, "PUT", "/v1/words/cut", "gamma\ndelta\nepsilon\n").status());
      assertEquals(200, send(server.port, "PUT", "/v1/numbers/flipped", numbers.toString()).status());
      assertEquals(200, send(server.port, "PUT", "/v1/numbers/fine", "1-10\n").status());
    }
    // Damage two snapshots: truncate the trie of "cut", flip one byte in the bitmap of "flipped".
    String cutHex = java.util.HexFormat.of().formatHex("cut".getBytes());
    String flippedHex = java.util.HexFormat.of().formatHex("flipped".getBytes());
    Path cut = snapshot(data, "words-" + cutHex + "-");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), (int) Files.size(cut) - 7));
    Path flipped = snapshot(data, "numbers-" + flippedHex + "-");
    try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }

    try (ChildServer server = ChildServer.ready(jvm, without, args)) {
      int port = server.port;
      Answer r = send(port, "GET", "/v1/words/cut/contains?word=gamma", null);
      assertEquals(503, r.status(), r.body());
      assertTrue(new JsonObject(r.body()).getString("error").contains("'cut'"), r.body());
      r = send(port, "GET", "/v1/numbers/flipped/contains?n=3", null);
      assertEquals(503, r.status(), r.body());
      assertTrue(new JsonObject(r.body()).getString("error").contains("'flipped'"), r.body());
      assertEquals(503, send(port, "POST", "/v1/numbers/flipped/add", "5\n").status());
      // the others are served
      assertEquals("{\"word\":\"beta\",\"present\":true}", send(port, "GET", "/v1/words/good/contains?word=beta", null).body());
      assertEquals(10, new JsonObject(send(port, "GET", "/v1/numbers/fine", null).body()).getLong("count"));
      // and the log says which set and why
      assertTrue(server.lines.stream().anyMatch(l -> l.contains("words set 'cut' is unavailable")), server.lines.toString());
      assertTrue(server.lines.stream().anyMatch(l -> l.contains("numbers set 'flipped' is unavailable") && l.contains("CRC32C")),
          server.lines.toString());
      // a new PUT replaces the damaged set
      assertEquals(200, send(port, "PUT", "/v1/words/cut", "zeta\n").status());
      assertEquals(200, send(port, "GET", "/v1/words/cut/contains?word=zeta", null).status());
    }
  }
}
