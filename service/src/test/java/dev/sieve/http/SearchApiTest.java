package dev.sieve.http;

import static dev.sieve.testing.HttpTestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/words/{name}/fuzzy} (GET and POST) and {@code /match}: answers, paging, updates, errors. */
class SearchApiTest {
  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  @BeforeAll
  static void load() {
    Answer put = server.http().put("/v1/words/s", "word\nwork\nworm\nsword\nwards\nword\nwrod\nlord\ncat\ncot\ncart\nzoë\nzoe\n日本\n");
    assertEquals(200, put.status(), put.body());
  }

  @Test
  void fuzzyAnswersByDistanceThenByteOrder() {
    JsonObject page = server.http().get("/v1/words/s/fuzzy?word=word").json();
    assertEquals("word", page.getString("word"));
    assertEquals(1, page.getInteger("distance"));
    assertEquals(5L, page.getLong("count"));
    assertEquals(matches("word", 0, "lord", 1, "sword", 1, "work", 1, "worm", 1), page.getJsonArray("matches"));
    assertNull(page.getValue("next"));
    assertTrue(page.containsKey("next"));

    JsonObject swapped = server.http().get("/v1/words/s/fuzzy?word=wrod&distance=1&transpositions=true").json();
    assertEquals(matches("wrod", 0, "word", 1), swapped.getJsonArray("matches"));
    JsonObject plain = server.http().get("/v1/words/s/fuzzy?word=wrod&distance=1").json();
    assertEquals(matches("wrod", 0), plain.getJsonArray("matches"));

    JsonObject prefixed = server.http().get("/v1/words/s/fuzzy?word=word&prefix=2").json();
    assertEquals(matches("word", 0, "work", 1, "worm", 1), prefixed.getJsonArray("matches"));
    assertEquals(matches("zoe", 0, "zoë", 1),
        server.http().get("/v1/words/s/fuzzy?word=zoe").json().getJsonArray("matches"));
    assertEquals(matches("日本", 1),
        server.http().get("/v1/words/s/fuzzy?word=" + q("日") + "&distance=2").json().getJsonArray("matches"));
  }

  @Test
  void fuzzyPagesWalkTheWholeOrder() {
    List<Object> walked = new ArrayList<>();
    String after = null;
    do {
      JsonObject page = server.http().get("/v1/words/s/fuzzy?word=word&distance=2&limit=2"
          + (after == null ? "" : "&after=" + q(after))).json();
      assertEquals(7L, page.getLong("count")); // word; lord, sword, work, worm; wards, wrod
      walked.addAll(page.getJsonArray("matches").getList());
      after = page.getString("next");
    } while (after != null);
    JsonObject all = server.http().get("/v1/words/s/fuzzy?word=word&distance=2").json();
    assertEquals(all.getJsonArray("matches").getList(), new JsonArray(walked).getList());
    assertEquals(7, walked.size());
  }

  @Test
  void batchAnswersInRequestOrder() {
    JsonObject body = new JsonObject().put("words", new JsonArray(List.of("wrod", "cat", "nothing-like-it")))
        .put("distance", 1).put("transpositions", true).put("limit", 1);
    Answer answer = server.http().post("/v1/words/s/fuzzy", body);
    assertEquals(200, answer.status(), answer.body());
    JsonArray results = answer.json().getJsonArray("results");
    assertEquals(3, results.size());
    assertEquals("wrod", results.getJsonObject(0).getString("word"));
    assertEquals(2L, results.getJsonObject(0).getLong("count"));
    assertEquals(matches("wrod", 0), results.getJsonObject(0).getJsonArray("matches"));
    assertEquals("wrod", results.getJsonObject(0).getString("next"));
    assertEquals(3L, results.getJsonObject(1).getLong("count")); // cat, cot, cart
    assertEquals(0L, results.getJsonObject(2).getLong("count"));

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add("w" + i);
    }
    Answer tooMany = server.http().post("/v1/words/s/fuzzy", new JsonObject().put("words", new JsonArray(many)));
    assertEquals(400, tooMany.status());
    assertEquals("expected 1..1000 words, got 1001", tooMany.json().getString("error"));
    assertEquals(400, server.http().post("/v1/words/s/fuzzy", new JsonObject().put("words", new JsonArray().add(3))).status());
    assertEquals(400, server.http().post("/v1/words/s/fuzzy", new JsonObject().put("words", new JsonArray().add("a"))
        .put("distance", "one")).status());
  }

  @Test
  void matchListsLikePrefix() {
    JsonObject page = server.http().get("/v1/words/s/match?pattern=" + q("w?r*")).json();
    assertEquals("w?r*", page.getString("pattern"));
    assertEquals(4L, page.getLong("count"));
    assertEquals(new JsonArray(List.of("wards", "word", "work", "worm")), page.getJsonArray("words"));
    JsonObject first = server.http().get("/v1/words/s/match?pattern=" + q("*or[dk]") + "&limit=2").json();
    assertEquals(new JsonArray(List.of("lord", "sword")), first.getJsonArray("words"));
    assertEquals("sword", first.getString("next"));
    JsonObject rest = server.http().get("/v1/words/s/match?pattern=" + q("*or[dk]") + "&limit=2&after=sword").json();
    assertEquals(new JsonArray(List.of("word", "work")), rest.getJsonArray("words"));
    assertNull(rest.getValue("next"));
    assertEquals(4L, rest.getLong("count"));
    assertEquals(new JsonArray(List.of("cart", "cat", "cot")),
        server.http().get("/v1/words/s/match?pattern=" + q("c[!u]*t")).json().getJsonArray("words"));
  }

  @Test
  void pendingUpdatesAreSeen() {
    assertEquals(200, server.http().put("/v1/words/upd", "cat\ncot\ndog\n").status());
    assertEquals(200, server.http().post("/v1/words/upd/add", new JsonObject().put("words", new JsonArray(List.of("cut", "coat")))).status());
    assertEquals(200, server.http().post("/v1/words/upd/remove", new JsonObject().put("words", new JsonArray(List.of("cot")))).status());
    JsonObject page = server.http().get("/v1/words/upd/fuzzy?word=cot").json();
    assertEquals(matches("cat", 1, "coat", 1, "cut", 1), page.getJsonArray("matches"));
    assertEquals(3L, page.getLong("count"));
    assertEquals(new JsonArray(List.of("cat", "cut")),
        server.http().get("/v1/words/upd/match?pattern=c?t").json().getJsonArray("words"));
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertError(400, "missing query parameter: word", "/v1/words/s/fuzzy");
    assertError(400, "distance must be 0..2: 3", "/v1/words/s/fuzzy?word=x&distance=3");
    assertError(400, "distance: ", "/v1/words/s/fuzzy?word=x&distance=-1");
    assertError(400, "transpositions must be true or false: yes", "/v1/words/s/fuzzy?word=x&transpositions=yes");
    assertError(400, "limit must be an integer 1..10000: 0", "/v1/words/s/fuzzy?word=x&limit=0");
    assertError(404, "", "/v1/words/nowhere/fuzzy?word=x");
    assertError(400, "missing query parameter: pattern", "/v1/words/s/match");
    assertError(400, "malformed pattern: the class [ is never closed at code point 3", "/v1/words/s/match?pattern=" + q("ab[c"));
    assertError(400, "malformed pattern: a \\ escapes nothing at code point 2", "/v1/words/s/match?pattern=" + q("a\\"));
    assertError(400, "limit must be an integer 1..10000: 10001", "/v1/words/s/match?pattern=a&limit=10001");
  }

  private static void assertError(int status, String startOfMessage, String path) {
    Answer a = server.http().get(path);
    assertEquals(status, a.status(), a.body());
    assertTrue(a.json().getString("error").startsWith(startOfMessage), a.body());
  }

  static JsonArray matches(Object... wordThenDistance) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < wordThenDistance.length; i += 2) {
      out.add(new JsonObject().put("word", wordThenDistance[i]).put("distance", wordThenDistance[i + 1]));
    }
    return out;
  }
}
