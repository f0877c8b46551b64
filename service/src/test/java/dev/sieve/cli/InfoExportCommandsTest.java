package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info}, word {@code export} and the error body's {@code code} against a real server (they
 * were first written against a stub, {@link StubbedRoutesTest}, before the routes were in main).
 */
class InfoExportCommandsTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0));

  /** The words put in set {@code big}: enough for the export to come in many pieces; byte order. */
  static final TreeSet<String> WORDS = new TreeSet<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      String w = "w" + i;
      WORDS.add(w); // ASCII: String order is byte order
      lines.append(w).append('\n');
    }
    assertEquals(200, server.http().send("PUT", "/v1/words/big", lines.toString().getBytes(StandardCharsets.UTF_8),
        "text/plain").status());
  }

  static String expected() {
    StringBuilder text = new StringBuilder();
    for (String w : WORDS) {
      text.append(w).append('\n');
    }
    return text.toString();
  }

  @Test
  void infoPrintsTheServersFieldsAndJsonAsItCame() {
    CliRun info = CliRun.run(server.http().base, "info");
    assertEquals(0, info.code(), info.toString());
    JsonObject served = server.http().json("/v1/info");
    assertTrue(info.out().contains("version: " + served.getString("version") + "\n"), info.out());
    assertTrue(info.out().contains("sets.words: " + served.getJsonObject("sets").getInteger("words") + "\n"), info.out());
    assertTrue(info.out().contains("storage.fsync: " + served.getJsonObject("storage").getString("fsync") + "\n"), info.out());
    CliRun json = CliRun.run(server.http().base, "info", "--json");
    assertEquals(served.getString("version"), new JsonObject(json.out()).getString("version"));
  }

  @Test
  void wordExportStreamsTheSetInByteOrderPlainAndGzip() throws IOException {
    CliRun stdout = CliRun.run(server.http().base, "export", "words", "big");
    assertEquals(0, stdout.code(), stdout.toString());
    assertEquals(expected(), stdout.bytesText());

    Path gz = dir.resolve("big.txt.gz");
    CliRun run = CliRun.run(server.http().base, "--json", "export", "words", "big", "-o", gz.toString(), "--gzip");
    assertEquals(0, run.code(), run.toString());
    assertTrue(new JsonObject(run.out()).getBoolean("gzip"));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      assertEquals(expected(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aMissingSetIsTheServersMessageWithItsCode() {
    CliRun gone = CliRun.run(server.http().base, "export", "words", "gone");
    assertEquals(SieveCli.SERVER_ERROR, gone.code());
    assertTrue(gone.err().startsWith("sieve: 404 ") && gone.err().endsWith("(code no_such_set)\n"), gone.err());
    assertEquals("", gone.bytesText());
  }
}
