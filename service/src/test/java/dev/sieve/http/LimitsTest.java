package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 413 for a line or a body over the limit, and the old version keeps serving. */
class LimitsTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withLimits(100_000, 16));

  @Test
  void lineOverTheLimit() {
    assertEquals(200, server.http().put("/v1/words/l", "exactly16bytes!!\r\nshort").status());
    long version = server.http().get("/v1/words/l").json().getLong("version");
    Answer tooLong = server.http().put("/v1/words/l", "ok\nfine\n" + "x".repeat(17) + "\nafter");
    assertEquals(413, tooLong.status(), tooLong.body());
    assertEquals(3L, tooLong.json().getLong("line"));
    Answer noNewline = server.http().put("/v1/numbers/l", "1\n" + "1".repeat(5000));
    assertEquals(413, noNewline.status(), noNewline.body());
    assertEquals(2L, noNewline.json().getLong("line"));
    assertEquals(version, server.http().get("/v1/words/l").json().getLong("version"));
    assertEquals(404, server.http().get("/v1/numbers/l").status());
  }

  @Test
  void bodyOverTheLimit() {
    assertEquals(200, server.http().put("/v1/numbers/b", "1\n2").status());
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() <= 200_000; i++) {
      body.append(i).append('\n');
    }
    Answer plain = server.http().put("/v1/numbers/b", body.toString());
    assertEquals(413, plain.status(), plain.body());
    assertTrue(plain.json().getString("error").contains("100000"));
    // gzip: the limit holds for the inflated bytes, however small the compressed body is
    Answer gzip = server.http().putGzip("/v1/numbers/b", body.toString().getBytes(StandardCharsets.US_ASCII));
    assertEquals(413, gzip.status(), gzip.body());
    assertEquals(2L, server.http().get("/v1/numbers/b").json().getLong("cardinality"));
    assertEquals(200, server.http().get("/health").status());
  }
}
