package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ServiceConfig;
import dev.sieve.testing.ContractChecker;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/**
 * Live answers of every operation, successes and errors, checked against openapi.yaml: the status
 * is one the operation documents, and the body validates against that response's schema
 * ({@link ContractChecker}). At the end, every operation of the document must have been seen
 * answering both a success and an error. The server has a token (so 401s happen) and a small line
 * limit (so 413s are cheap).
 */
class ContractTest {
  static final int LINE_LIMIT = 64;

  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension(
      ServiceConfig.forTests(0).withToken("t").withLimits(1 << 20, LINE_LIMIT));

  static ContractChecker contract;
  static HttpTestClient http;
  static HttpTestClient anonymous;
  /** Operation id to the statuses seen checked. */
  static final Map<String, Set<Integer>> seen = new TreeMap<>();

  @BeforeAll
  static void setUp() {
    contract = ContractChecker.load();
    http = server.http();
    http.token = "t";
    anonymous = new HttpTestClient(server.port());
    assertEquals(200, http.put("/v1/words/w", "apple\nbanana\ncherry\n").status());
    assertEquals(200, http.put("/v1/numbers/n", "1\n5-9\n").status());
  }

  static void check(String operationId, int status, Answer answer) {
    contract.check(operationId, status, answer);
    seen.computeIfAbsent(operationId, k -> new TreeSet<>()).add(status);
  }

  static final String BAD_UTF8 = "?x=%FF";

  @Test
  void server() {
    for (String[] op : new String[][] {{"getHealth", "/health"}, {"getReady", "/ready"}, {"getLivez", "/livez"},
        {"getReadyz", "/readyz"}, {"getInfo", "/v1/info"}, {"getCluster", "/v1/cluster"}, {"getHistory", "/v1/history"},
        {"getOpenApi", "/openapi.yaml"}, {"getPage", "/"}, {"getMetrics", "/metrics"}, {"listLoads", "/v1/loads"},
        {"listWordSets", "/v1/words"}, {"listNumberSets", "/v1/numbers"}, {"getMemory", "/v1/memory"}}) {
      check(op[0], 200, http.get(op[1]));
      Answer bad = http.get(op[1] + BAD_UTF8);
      check(op[0], 400, bad);
      assertEquals("bad_request", bad.json().getString("code"));
    }
  }

  @Test
  void wordReads() {
    check("getWordSet", 200, http.get("/v1/words/w"));
    check("getWordSet", 404, http.get("/v1/words/nothing"));
    check("getWordSet", 400, http.get("/v1/words/bad!name"));
    check("containsWord", 200, http.get("/v1/words/w/contains?word=apple"));
    check("containsWord", 400, http.get("/v1/words/w/contains"));
    check("containsWord", 404, http.get("/v1/words/nothing/contains?word=a"));
    check("fuzzyWords", 200, http.get("/v1/words/w/fuzzy?word=aple&transpositions=true"));
    check("fuzzyWords", 400, http.get("/v1/words/w/fuzzy?word=aple&distance=3"));
    check("fuzzyWords", 404, http.get("/v1/words/nothing/fuzzy?word=aple"));
    check("fuzzyWordsBatch", 200, http.post("/v1/words/w/fuzzy", new JsonObject().put("words", new JsonArray().add("aple").add("x"))));
    check("fuzzyWordsBatch", 400, http.post("/v1/words/w/fuzzy", new JsonObject().put("words", new JsonArray())));
    check("fuzzyWordsBatch", 404, http.post("/v1/words/nothing/fuzzy", new JsonObject().put("words", new JsonArray().add("a"))));
    check("matchWords", 200, http.get("/v1/words/w/match?pattern=a*"));
    check("matchWords", 400, http.get("/v1/words/w/match?pattern=%5Ba"));
    check("matchWords", 404, http.get("/v1/words/nothing/match?pattern=a*"));
    check("containsWords", 200, http.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray().add("apple").add("x"))));
    check("containsWords", 400, http.post("/v1/words/w/contains", new JsonObject().put("words", "apple")));
    check("containsWords", 404, http.post("/v1/words/nothing/contains", new JsonObject().put("words", new JsonArray())));
    check("containsWords", 413, http.post("/v1/words/w/contains", new JsonObject().put("words", many(100_001, "x"))));
    check("containsWords", 415, http.send(http.request("/v1/words/w/contains").header("Content-Type", "application/json")
        .header("Content-Encoding", "deflate").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()));
    check("listWordsByPrefix", 200, http.get("/v1/words/w/prefix?prefix=b"));
    check("listWordsByPrefix", 200, http.get("/v1/words/w/prefix?limit=1"));
    check("listWordsByPrefix", 400, http.get("/v1/words/w/prefix?limit=0"));
    check("listWordsByPrefix", 404, http.get("/v1/words/nothing/prefix"));
    check("exportWords", 200, http.get("/v1/words/w/export"));
    check("exportWords", 404, http.get("/v1/words/nothing/export"));
    check("exportWords", 400, http.get("/v1/words/w/export" + BAD_UTF8));
    check("getMemoryBreakdown", 200, http.get("/v1/memory/words/w"));
    check("getMemoryBreakdown", 200, http.get("/v1/memory/numbers/n"));
    check("getMemoryBreakdown", 404, http.get("/v1/memory/things/w"));
    check("getMemoryBreakdown", 404, http.get("/v1/memory/words/nothing"));
    check("getMemoryBreakdown", 400, http.get("/v1/memory/words/bad!name"));
  }

  @Test
  void numberReads() {
    check("getNumberSet", 200, http.get("/v1/numbers/n"));
    check("getNumberSet", 404, http.get("/v1/numbers/nothing"));
    check("containsNumber", 200, http.get("/v1/numbers/n/contains?n=5"));
    check("containsNumber", 400, http.get("/v1/numbers/n/contains?n=-1"));
    check("containsNumber", 404, http.get("/v1/numbers/nothing/contains?n=1"));
    check("containsNumbers", 200, http.post("/v1/numbers/n/contains", new JsonObject().put("numbers", new JsonArray().add(1).add(2))));
    check("containsNumbers", 400, http.post("/v1/numbers/n/contains", new JsonObject().put("numbers", new JsonArray().add("x"))));
    check("containsNumbers", 404, http.post("/v1/numbers/nothing/contains", new JsonObject().put("numbers", new JsonArray())));
    check("containsNumbers", 413, http.post("/v1/numbers/n/contains", new JsonObject().put("numbers", many(100_001, 7))));
    check("listNumbersInRange", 200, http.get("/v1/numbers/n/range?from=2&limit=2"));
    check("listNumbersInRange", 200, http.get("/v1/numbers/n/range?from=0&to=3"));
    check("listNumbersInRange", 400, http.get("/v1/numbers/n/range?from=x"));
    check("listNumbersInRange", 404, http.get("/v1/numbers/nothing/range"));
    check("exportNumbers", 200, http.get("/v1/numbers/n/export"));
    check("exportNumbers", 404, http.get("/v1/numbers/nothing/export"));
    check("exportNumbers", 400, http.get("/v1/numbers/bad!name/export"));
  }

  @Test
  void wordWrites() {
    check("putWordSet", 200, http.put("/v1/words/tmp", "x\ny\n"));
    check("putWordSet", 200, http.put("/v1/words/tmp?onError=skip", new byte[] {'x', '\n', (byte) 0xC3, '\n'}, "text/plain"));
    Answer badUtf8 = http.put("/v1/words/tmp", new byte[] {'a', '\n', (byte) 0xC3, '\n'}, "text/plain");
    check("putWordSet", 400, badUtf8);
    assertEquals("bad_line", badUtf8.json().getString("code"));
    assertEquals(2, badUtf8.json().getLong("line"));
    check("putWordSet", 401, anonymous.put("/v1/words/tmp", "x\n"));
    Answer longLine = http.put("/v1/words/tmp", "z".repeat(LINE_LIMIT + 1) + "\n");
    check("putWordSet", 413, longLine);
    assertEquals("too_large", longLine.json().getString("code"));
    check("putWordSet", 415, http.put("/v1/words/tmp", "x".getBytes(StandardCharsets.UTF_8), "image/png"));
    check("addWords", 200, http.post("/v1/words/tmp/add", "q\n"));
    check("addWords", 200, http.post("/v1/words/tmp/add", new JsonObject().put("words", new JsonArray().add("r"))));
    check("addWords", 400, http.post("/v1/words/tmp/add", new JsonObject().put("words", new JsonArray().add(""))));
    check("addWords", 401, anonymous.post("/v1/words/tmp/add", "q\n"));
    check("addWords", 404, http.post("/v1/words/nothing/add", "q\n"));
    check("addWords", 413, http.post("/v1/words/tmp/add", "z".repeat(LINE_LIMIT + 1) + "\n"));
    check("addWords", 415, http.send("POST", "/v1/words/tmp/add", "q\n".getBytes(StandardCharsets.UTF_8), "image/png"));
    check("removeWords", 200, http.post("/v1/words/tmp/remove", "q\n"));
    check("removeWords", 404, http.post("/v1/words/nothing/remove", "q\n"));
    check("removeWords", 401, anonymous.post("/v1/words/tmp/remove", "q\n"));
    check("deleteWordSet", 401, anonymous.delete("/v1/words/tmp"));
    check("deleteWordSet", 204, http.delete("/v1/words/tmp"));
    check("deleteWordSet", 404, http.delete("/v1/words/tmp"));
  }

  @Test
  void numberWrites() {
    check("putNumberSet", 200, http.put("/v1/numbers/tmp", "1\n2\n"));
    check("putNumberSet", 400, http.put("/v1/numbers/tmp", "1\n2x\n"));
    check("putNumberSet", 401, anonymous.put("/v1/numbers/tmp", "1\n"));
    check("putNumberSet", 413, http.put("/v1/numbers/tmp", "1".repeat(LINE_LIMIT + 1) + "\n"));
    check("putNumberSet", 415, http.put("/v1/numbers/tmp", "[1]".getBytes(StandardCharsets.UTF_8), "application/json"));
    check("addNumbers", 200, http.post("/v1/numbers/tmp/add", new JsonObject().put("numbers", new JsonArray().add(3).add("10-12"))));
    check("addNumbers", 400, http.post("/v1/numbers/tmp/add", "x\n"));
    check("addNumbers", 404, http.post("/v1/numbers/nothing/add", "1\n"));
    check("addNumbers", 401, anonymous.post("/v1/numbers/tmp/add", "1\n"));
    check("removeNumbers", 200, http.post("/v1/numbers/tmp/remove", "3\n"));
    check("removeNumbers", 404, http.post("/v1/numbers/nothing/remove", "3\n"));
    JsonObject and = new JsonObject().put("op", "and").put("sets", new JsonArray().add("n").add("tmp"));
    check("combineNumberSets", 200, http.post("/v1/numbers/both/combine", and));
    check("combineNumberSets", 400, http.post("/v1/numbers/both/combine", and.copy().put("op", "nand")));
    check("combineNumberSets", 404, http.post("/v1/numbers/both/combine", and.copy().put("sets", new JsonArray().add("nothing"))));
    check("combineNumberSets", 401, anonymous.post("/v1/numbers/both/combine", and));
    check("deleteNumberSet", 204, http.delete("/v1/numbers/tmp"));
    check("deleteNumberSet", 404, http.delete("/v1/numbers/tmp"));
    check("deleteNumberSet", 401, anonymous.delete("/v1/numbers/n"));
  }

  @Test
  void theCheckerRefusesWhatTheDocumentDoesNotSay() {
    // a body of another schema (no "status"), a status not documented, a media type not documented
    assertThrows(AssertionFailedError.class, () -> contract.check("getHealth", http.get("/v1/info")));
    assertThrows(AssertionFailedError.class, () -> contract.check("getHealth", http.get("/nothing")));
    assertThrows(AssertionFailedError.class, () -> contract.check("getInfo", http.get("/openapi.yaml")));
    assertThrows(AssertionFailedError.class, () -> contract.check("listWordsByPrefix", http.get("/v1/numbers/n/range")));
  }

  @AfterAll
  static void everyOperationWasSeenSucceedingAndFailing() {
    contract.close();
    Set<String> documented = new TreeSet<>();
    ContractChecker.document().getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject o && o.containsKey("operationId")) {
        documented.add(o.getString("operationId"));
      }
    }));
    assertEquals(documented, seen.keySet());
    seen.forEach((op, statuses) -> {
      assertTrue(statuses.stream().anyMatch(s -> s < 300), op + " never seen succeeding: " + statuses);
      assertTrue(statuses.stream().anyMatch(s -> s >= 400), op + " never seen failing: " + statuses);
    });
  }

  static JsonArray many(int n, Object element) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < n; i++) {
      out.add(element);
    }
    return out;
  }
}
