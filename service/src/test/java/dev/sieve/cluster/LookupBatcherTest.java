package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link LookupBatcher}: a lookup alone goes at once; lookups that come while {@value
 * LookupBatcher#MAX_IN_FLIGHT} messages are in flight go together in the next, each answered with
 * its own slice, in order; a failed message fails exactly the lookups in it; fields never mix;
 * messages stay within {@value LookupBatcher#MAX_ELEMENTS} elements.
 */
class LookupBatcherTest {
  /** A message sent: its address, query, and the reply the test gives it. */
  private record Sent(String address, JsonObject query, Promise<JsonObject> reply) {}

  private final List<Sent> sent = new ArrayList<>();
  private final LookupBatcher batcher = new LookupBatcher((address, query) -> {
    Promise<JsonObject> p = Promise.promise();
    sent.add(new Sent(address, query, p));
    return p.future();
  }, Promise::promise);

  /** A shard that holds {@code members}: the reply to {@code s}. */
  private static void answer(Sent s, Set<String> members) {
    JsonArray present = new JsonArray();
    for (Object w : s.query().getJsonArray("words")) {
      present.add(members.contains((String) w));
    }
    s.reply().complete(new JsonObject().put("present", present));
  }

  private static JsonObject words(String... w) {
    return new JsonObject().put("words", new JsonArray(List.of((Object[]) w)));
  }

  @Test
  void aLoneLookupGoesAtOnceAlone() {
    Future<JsonObject> f = batcher.contains("a", words("x", "y"));
    assertEquals(1, sent.size());
    assertEquals(words("x", "y"), sent.get(0).query());
    answer(sent.get(0), Set.of("y"));
    assertEquals(new JsonArray().add(false).add(true), f.result().getJsonArray("present"));
  }

  @Test
  void lookupsWaitingBehindFullFlightGoTogetherEachWithItsAnswer() {
    Future<JsonObject> a = batcher.contains("s", words("a"));
    Future<JsonObject> b = batcher.contains("s", words("b"));
    Future<JsonObject> other = batcher.contains("t", words("a")); // another shard: its own flight
    List<Future<JsonObject>> waiting = new ArrayList<>();
    for (String w : List.of("c", "d", "e")) {
      waiting.add(batcher.contains("s", words(w, w + w)));
    }
    assertEquals(3, sent.size(), "two in flight for s, one for t; the rest wait");
    answer(sent.get(0), Set.of("a", "dd", "e"));
    assertEquals(4, sent.size());
    assertEquals("s", sent.get(3).address());
    assertEquals(words("c", "cc", "d", "dd", "e", "ee"), sent.get(3).query(), "the waiting ones in one message, in order");
    answer(sent.get(3), Set.of("a", "dd", "e"));
    assertEquals(List.of(List.of(false, false), List.of(false, true), List.of(true, false)),
        waiting.stream().map(f -> f.result().getJsonArray("present").getList()).toList());
    assertTrue(a.result().getJsonArray("present").getBoolean(0));
    assertFalse(b.isComplete());
    assertFalse(other.isComplete());
  }

  @Test
  void aFailedMessageFailsTheLookupsInItOnly() {
    batcher.contains("s", words("a"));
    batcher.contains("s", words("b"));
    Future<JsonObject> c = batcher.contains("s", words("c"));
    Future<JsonObject> d = batcher.contains("s", words("d"));
    sent.get(0).reply().fail(new IllegalStateException("no handlers"));
    assertEquals(words("c", "d"), sent.get(2).query());
    sent.get(2).reply().fail(new IllegalStateException("timeout"));
    assertEquals("timeout", c.cause().getMessage());
    assertEquals("timeout", d.cause().getMessage());
    Future<JsonObject> e = batcher.contains("s", words("e"));
    answer(sent.get(1), Set.of());
    assertEquals(words("e"), sent.get(3).query(), "the flight freed by the failure serves the next");
    answer(sent.get(3), Set.of("e"));
    assertTrue(e.result().getJsonArray("present").getBoolean(0));
  }

  @Test
  void wordsAndNumbersNeverShareAMessageAndMessagesStayWithinTheLimit() {
    batcher.contains("s", words("a"));
    batcher.contains("s", words("b"));
    int big = LookupBatcher.MAX_ELEMENTS / 2 + 1;
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < big; i++) {
      many.add("w" + i);
    }
    batcher.contains("s", new JsonObject().put("words", new JsonArray(many)));
    batcher.contains("s", new JsonObject().put("words", new JsonArray(many)));
    batcher.contains("s", new JsonObject().put("numbers", new JsonArray().add(1).add(2)));
    answer(sent.get(0), Set.of());
    assertEquals(big, sent.get(2).query().getJsonArray("words").size(), "two halves and one more do not fit one message");
    answer(sent.get(1), Set.of());
    assertEquals(big, sent.get(3).query().getJsonArray("words").size());
    answer(sent.get(2), Set.of());
    assertEquals(new JsonObject().put("numbers", new JsonArray().add(1).add(2)), sent.get(4).query());
  }

  @Test
  void randomInterleavingsAnswerEveryLookupAsTheShardWould() {
    Random rnd = new Random(15);
    Set<String> members = new TreeSet<>();
    for (int i = 0; i < 50; i++) {
      members.add("w" + rnd.nextInt(100));
    }
    List<List<String>> asked = new ArrayList<>();
    List<Future<JsonObject>> answers = new ArrayList<>();
    int replied = 0;
    for (int step = 0; step < 2_000; step++) {
      if (rnd.nextInt(3) > 0 || replied == sent.size()) {
        List<String> ws = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
          ws.add("w" + rnd.nextInt(100));
        }
        asked.add(ws);
        answers.add(batcher.contains("s" + rnd.nextInt(2), words(ws.toArray(String[]::new))));
      } else {
        answer(sent.get(replied++), members);
      }
    }
    while (replied < sent.size()) {
      answer(sent.get(replied++), members);
    }
    assertTrue(sent.size() < asked.size(), "some lookups shared a message: " + sent.size() + " of " + asked.size());
    for (int i = 0; i < asked.size(); i++) {
      List<Object> expected = new ArrayList<>();
      asked.get(i).forEach(w -> expected.add(members.contains(w)));
      assertEquals(expected, answers.get(i).result().getJsonArray("present").getList(), "lookup " + i);
    }
  }
}
