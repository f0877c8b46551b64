package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads that end badly change nothing: a client gone mid-body, a bad line deep in the body. */
class AbortedUploadTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @Test
  void clientDisconnectMidUploadChangesNothing() throws Exception {
    assertEquals(200, server.http().put("/v1/numbers/d", "1\n2\n3").status());
    assertEquals(200, server.http().put("/v1/words/d", "a\nb").status());
    long numbersVersion = server.http().get("/v1/numbers/d").json().getLong("version");
    long wordsVersion = server.http().get("/v1/words/d").json().getLong("version");
    for (String kind : new String[] {"numbers", "words"}) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /v1/" + kind + "/d HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
          part.append(i).append('\n');
        }
        out.write(part.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(200);
      } // closed mid-body
    }
    Thread.sleep(500);
    JsonObject numbers = server.http().get("/v1/numbers/d").json();
    assertEquals(numbersVersion, numbers.getLong("version"));
    assertEquals(3L, numbers.getLong("cardinality"));
    JsonObject words = server.http().get("/v1/words/d").json();
    assertEquals(wordsVersion, words.getLong("version"));
    assertEquals(2L, words.getLong("count"));
  }

  @Test
  void badLineDeepInALargeBodyKeepsTheOldVersion() {
    assertEquals(200, server.http().put("/v1/numbers/deep", "5").status());
    long version = server.http().get("/v1/numbers/deep").json().getLong("version");
    StringBuilder body = new StringBuilder();
    for (int line = 1; line <= 400_000; line++) {
      body.append(line == 345_678 ? "oops" : String.valueOf(line)).append('\n');
    }
    Answer refused = server.http().put("/v1/numbers/deep", body.toString());
    assertEquals(400, refused.status());
    assertEquals(345_678L, refused.json().getLong("line"));
    JsonObject after = server.http().get("/v1/numbers/deep").json();
    assertEquals(version, after.getLong("version"));
    assertEquals(1L, after.getLong("cardinality"));
    // the connection pool still works after the early answer
    assertTrue(server.http().get("/v1/numbers/deep/contains?n=5").json().getBoolean("present"));
  }
}
