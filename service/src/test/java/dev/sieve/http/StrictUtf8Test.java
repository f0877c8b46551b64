package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text in query parameters and JSON bodies must be valid UTF-8: invalid bytes, percent-escaped or
 * raw, are a 400 naming the parameter, never a lookup of whatever U+FFFD would match.
 */
class StrictUtf8Test {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @BeforeAll
  static void start() {
    // a stored word holding U+FFFD: what a lenient decoder of q%FFx would look up
    assertEquals(200, server.http().put("/v1/words/w", "q\ufffdx\ncafé\nqa\n").status());
    assertEquals(200, server.http().put("/v1/numbers/n", "1\n2\n3\n").status());
  }

  /** A request sent as raw bytes over a socket: its status and body. */
  private static Answer raw(byte[] requestLine, byte[] body, String contentType) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.write(requestLine);
      String headers = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + (body == null ? "" : "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
      request.write(headers.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        request.write(body);
      }
      out.write(request.toByteArray());
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      return new Answer(status, response.substring(response.indexOf("\r\n\r\n") + 4), null);
    }
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        for (int b : (int[]) p) {
          out.write(b);
        }
      }
    }
    return out.toByteArray();
  }

  private static void assertRefused(Answer a, String param) {
    assertEquals(400, a.status(), a.body());
    assertEquals(new JsonObject().put("error", "query parameter " + param + " is not valid UTF-8").put("code", "bad_request").encode(), a.body());
  }

  @Test
  void percentEncodedInvalidUtf8IsRefusedNamingTheParameter() {
    assertRefused(server.http().get("/v1/words/w/contains?word=q%FFx"), "word");
    assertRefused(server.http().get("/v1/words/w/prefix?prefix=q%FF"), "prefix");
    assertRefused(server.http().get("/v1/words/w/prefix?prefix=q&after=%C0%80"), "after"); // overlong NUL
    assertRefused(server.http().get("/v1/words/w/prefix?prefix=%ED%A0%80"), "prefix"); // an encoded surrogate
    assertRefused(server.http().get("/v1/words/w/prefix?prefix=q&limit=%FE"), "limit");
    assertRefused(server.http().get("/v1/words/w/contains?word=caf%C3"), "word"); // cut short
    assertRefused(server.http().get("/v1/numbers/n/contains?n=%FF"), "n");
    for (String p : List.of("from", "to", "after", "limit")) {
      assertRefused(server.http().get("/v1/numbers/n/range?" + p + "=1%80"), p);
    }
    assertRefused(server.http().put("/v1/words/w?onError=skip%FF", "zz\n"), "onError");
    assertRefused(server.http().put("/v1/numbers/n?onError=%FFskip", "9\n"), "onError");
    assertRefused(server.http().post("/v1/words/w/add?x=%FF", "zz\n"), "x");
    assertRefused(server.http().get("/v1/memory?kind=%FF"), "kind");
  }

  @Test
  void aParameterNameThatIsNotUtf8IsRefused() throws IOException {
    Answer a = server.http().get("/v1/memory?%FF=1");
    assertEquals(400, a.status(), a.body());
    assertEquals("{\"error\":\"the name of a query parameter is not valid UTF-8\",\"code\":\"bad_request\"}", a.body());
    a = raw(bytes("GET /v1/words/w/contains?word=a%G1"), null, null);
    assertEquals(400, a.status(), a.body());
    assertEquals("{\"error\":\"query parameter word has a malformed percent-escape\",\"code\":\"bad_request\"}", a.body());
  }

  @Test
  void validUtf8StillMatches() {
    assertEquals("{\"word\":\"café\",\"present\":true}", server.http().get("/v1/words/w/contains?word=caf%C3%A9").body());
    assertEquals("{\"word\":\"q\ufffdx\",\"present\":true}", server.http().get("/v1/words/w/contains?word=q%EF%BF%BDx").body());
    assertEquals(3, server.http().get("/v1/words/w/prefix?prefix=").json().getLong("count"));
    assertEquals(2, server.http().get("/v1/words/w/prefix?prefix=q").json().getLong("count"));
    assertEquals("{\"word\":\"a b\",\"present\":false}", server.http().get("/v1/words/w/contains?word=a+b").body());
  }

  @Test
  void rawBytesInTheRequestLineAreDecodedStrictly() throws IOException {
    Answer ok = raw(bytes("GET /v1/words/w/contains?word=caf", new int[] {0xC3, 0xA9}), null, null);
    assertEquals(200, ok.status(), ok.body());
    assertEquals("{\"word\":\"café\",\"present\":true}", ok.body());
    assertRefused(raw(bytes("GET /v1/words/w/contains?word=q", new int[] {0xFF}, "x"), null, null), "word");
    assertRefused(raw(bytes("GET /v1/words/w/prefix?prefix=q", new int[] {0xC3}), null, null), "prefix");
    assertRefused(raw(bytes("GET /v1/words/w/prefix?prefix=q&after=", new int[] {0xE2, 0x82}), null, null), "after");
    assertRefused(raw(bytes("GET /v1/numbers/n/range?from=1", new int[] {0x80}), null, null), "from");
  }

  @Test
  void jsonBodiesMustBeUtf8() throws IOException {
    String path = "/v1/words/w/contains";
    Answer a = raw(bytes("POST " + path), bytes("{\"words\":[\"q", new int[] {0xFF}, "x\"]}"), "application/json");
    assertEquals(400, a.status(), a.body());
    assertEquals("{\"error\":\"the JSON body is not valid UTF-8\",\"code\":\"bad_request\"}", a.body());
    a = raw(bytes("POST /v1/words/w/add"), bytes("{\"words\":[\"new", new int[] {0xC0, 0x80}, "\"]}"), "application/json");
    assertEquals(400, a.status(), a.body());
    a = raw(bytes("POST /v1/numbers/c/combine"), bytes("{\"op\":\"or\",\"sets\":[\"n", new int[] {0xFF}, "\"]}"),
        "application/json");
    assertEquals(400, a.status(), a.body());
    assertEquals(404, server.http().get("/v1/numbers/c").status());
    // an escaped lone surrogate is valid JSON but no text
    a = raw(bytes("POST " + path), bytes("{\"words\":[\"ok\",\"\\ud800x\"]}"), "application/json");
    assertEquals(400, a.status(), a.body());
    assertEquals("{\"error\":\"words[1] is not valid Unicode: a lone surrogate \\\\ud800 at char 0\",\"code\":\"bad_request\"}", a.body());
    a = raw(bytes("POST /v1/words/w/add"), bytes("{\"words\":[\"\\udc00\"]}"), "application/json");
    assertEquals(400, a.status(), a.body());
    assertTrue(a.body().contains("words[0] is not valid Unicode"), a.body());
    assertEquals(3, server.http().get("/v1/words/w").json().getLong("count"), "nothing refused was added");
    // valid text, escaped or not, still works
    a = raw(bytes("POST " + path), bytes("{\"words\":[\"caf\\u00e9\",\"q\\ufffdx\",\"\\ud83d\\ude00\"]}"),
        "application/json");
    assertEquals("{\"present\":[true,true,false]}", a.body());
  }
}
