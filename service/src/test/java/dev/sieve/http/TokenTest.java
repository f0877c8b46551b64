package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a token, writes need it (401 otherwise) and reads stay open. */
class TokenTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withToken("s3cret"));

  @Test
  void writesNeedTheTokenReadsDoNot() {
    server.http().token = null;
    Answer refused = server.http().put("/v1/numbers/t", "1\n2\n3");
    assertEquals(401, refused.status());
    assertEquals("Bearer", refused.raw().headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(404, server.http().get("/v1/numbers/t").status());

    server.http().token = "wrong";
    assertEquals(401, server.http().put("/v1/words/t", "a").status());

    server.http().token = "s3cret";
    assertEquals(200, server.http().put("/v1/numbers/t", "1\n2\n3").status());
    assertEquals(200, server.http().put("/v1/words/t", "a\nb").status());

    server.http().token = null;
    assertEquals(200, server.http().get("/v1/numbers/t").status());
    assertEquals(200, server.http().get("/v1/words/t/contains?word=a").status());
    assertEquals(200, server.http().post("/v1/words/t/contains", new JsonObject().put("words", new JsonArray(List.of("a")))).status());
    assertEquals(200, server.http().post("/v1/numbers/t/contains", new JsonObject().put("numbers", new JsonArray(List.of(1)))).status());
    assertEquals(200, server.http().get("/v1/memory").status());
    assertEquals(401, server.http().delete("/v1/numbers/t").status());
    assertEquals(401, server.http().delete("/v1/words/t").status());
    assertEquals(401, server.http().post("/v1/numbers/c/combine",
        new JsonObject().put("op", "or").put("sets", new JsonArray(List.of("t")))).status());
    assertEquals(404, server.http().get("/v1/numbers/c").status());

    server.http().token = "s3cret";
    assertEquals(200, server.http().post("/v1/numbers/c/combine",
        new JsonObject().put("op", "or").put("sets", new JsonArray(List.of("t")))).status());
    assertEquals(204, server.http().delete("/v1/words/t").status());
  }
}
