package dev.sieve.cluster;

import static dev.sieve.cluster.ClusterWait.awaitMembers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A primary frozen ({@code SIGSTOP}) long enough for the two others to declare it dead, with an
 * update in its hands, then thawed ({@code SIGCONT}) and sent more updates at once: what a long
 * pause does to a node. The shard's next owner takes its updates after the takeover wait
 * ({@link PrimaryLease}), the thawed node acknowledges nothing it could not make durable on the
 * shard's live copies, and once it is merged back all three answer as the oracle of the
 * acknowledged updates; an update that was not acknowledged is on every node or on none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFreezeTest {
  private final int[] ports = new int[3];
  private final Path[] dirs = new Path[3];
  private final List<ChildServer> nodes = new ArrayList<>();
  private final List<HttpTestClient> http = new ArrayList<>();
  private final String name = "freeze-" + Long.toHexString(new Random().nextLong());
  /** The oracle of acknowledged updates. */
  private final Set<String> words = ConcurrentHashMap.newKeySet();
  /** Words whose add got no 200: on every node or on none. */
  private final Set<String> unsure = ConcurrentHashMap.newKeySet();

  @AfterAll
  void stop() throws IOException {
    for (ChildServer n : nodes) {
      signal(n, "CONT"); // a node left frozen by a failed test would not stop
      n.close();
    }
    for (Path d : dirs) {
      if (d != null) {
        ChildServer.deleteTree(d);
      }
    }
  }

  @Test
  void aFrozenPrimaryOrdersNothingBesideItsSuccessor() throws Exception {
    for (int i = 0; i < 3; i++) {
      ports[i] = ClusterWait.freePort();
      dirs[i] = Files.createTempDirectory("sieve-freeze-" + i);
    }
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    for (int i = 0; i < 3; i++) {
      nodes.add(ChildServer.start(List.of("-Xmx256m"), Map.of(), "--port", "0", "--no-demo", "--data-dir",
          dirs[i].toString(), "--cluster", "--cluster-port", Integer.toString(ports[i]), "--cluster-members", members,
          "--cluster-name", name, "--replicas", "2"));
    }
    for (ChildServer n : nodes) {
      n.awaitPort();
      http.add(n.http());
    }
    for (HttpTestClient h : http) {
      h.awaitReady();
    }
    awaitMembers(http.get(0), 3);
    Random random = new Random(2026);
    TreeSet<String> loaded = new TreeSet<>(Keys::compareWords);
    while (loaded.size() < 3_000) {
      loaded.add(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    HttpTestClient.Answer put = http.get(0).put("/v1/words/w", String.join("\n", loaded) + "\n");
    assertEquals(200, put.status(), put.body());
    words.addAll(loaded);

    // a shard whose primary is node 2, and a word of it to build new words on (base 36 words: "!" sorts
    // below every digit and letter, so w + "!..." falls between w and the next word, in w's shard)
    String frozenId = http.get(2).json("/v1/cluster").getString("node");
    JsonObject shard = http.get(0).json("/v1/cluster").getJsonArray("sets").getJsonObject(0).getJsonArray("shards")
        .stream().map(JsonObject.class::cast).filter(s -> s.getJsonArray("owners").getString(0).equals(frozenId))
        .findFirst().orElseThrow();
    String from = shard.getString("from");
    String to = shard.getString("to");
    String base = loaded.stream().filter(w -> Keys.compareWords(w, from) >= 0 && (to == null || Keys.compareWords(w, to) < 0))
        .skip(10).findFirst().orElseThrow();

    // frozen, with an add of that shard sent to it: the node cannot answer until it is thawed
    signal(nodes.get(2), "STOP");
    Thread inHand = add(http.get(2), base + "!held");
    awaitMembers(http.get(0), 2);
    awaitMembers(http.get(1), 2);

    // the shard's next owner takes its updates (after the takeover wait), through both live nodes
    for (int i = 0; i < 2; i++) {
      HttpTestClient.Answer a = http.get(i).post("/v1/words/w/add",
          new JsonObject().put("words", new JsonArray().add(base + "!after" + i)));
      assertEquals(200, a.status(), a.body());
      words.add(base + "!after" + i);
    }
    HttpTestClient.Answer removed = http.get(1).post("/v1/words/w/remove", new JsonObject().put("words", new JsonArray().add(base)));
    assertEquals(200, removed.status(), removed.body());
    words.remove(base);

    // thawed: its lease has lapsed, its copy of the map still names it the primary; updates sent to
    // it at once, and one more through a live node meanwhile
    signal(nodes.get(2), "CONT");
    List<Thread> sent = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      sent.add(add(http.get(2), base + "!thawed" + k));
    }
    sent.add(add(http.get(0), base + "!beside"));
    inHand.join(60_000);
    for (Thread t : sent) {
      t.join(60_000);
    }

    // merged back: every node answers as the oracle, and agrees on every word not acknowledged
    awaitMembers(http.get(2), 3);
    awaitMembers(http.get(0), 3);
    ClusterWait.awaitSettled(this::agree); // the merged node drops its stale copies and takes new ones
    ClusterWait.awaitCopies(http.get(0), 2);
    HttpTestClient.Answer after = http.get(2).post("/v1/words/w/add", new JsonObject().put("words", new JsonArray().add(base + "!end")));
    assertEquals(200, after.status(), after.body());
    words.add(base + "!end");
    unsure.remove(base + "!end");
    agree();
  }

  /** Every node: the oracle's words present, its count, and the same answer as the others for each word not acknowledged. */
  private void agree() {
    List<String> oracle = new ArrayList<>(words);
    List<String> doubtful = new ArrayList<>(unsure);
    List<Object> first = null;
    for (HttpTestClient h : http) {
      HttpTestClient.Answer c = h.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray(new ArrayList<>(oracle))));
      assertEquals(200, c.status(), h.base + ": " + c.body());
      List<Object> present = c.json().getJsonArray("present").getList();
      for (int i = 0; i < oracle.size(); i++) {
        if (!Boolean.TRUE.equals(present.get(i))) {
          throw new AssertionError(h.base + " lacks the acknowledged " + oracle.get(i));
        }
      }
      HttpTestClient.Answer d = h.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray(new ArrayList<>(doubtful))));
      assertEquals(200, d.status(), h.base + ": " + d.body());
      List<Object> seen = d.json().getJsonArray("present").getList();
      long count = h.json("/v1/words/w").getLong("count");
      long extra = seen.stream().filter(Boolean.TRUE::equals).count();
      assertEquals(words.size() + extra, count, h.base + ": the count is the acknowledged words and the unsure ones it holds");
      if (first == null) {
        first = seen;
      } else {
        assertEquals(first, seen, h.base + " and " + http.get(0).base + " disagree on the words not acknowledged " + doubtful);
      }
    }
  }

  /** Sends an add of {@code word} through {@code h} on a thread of its own; its outcome goes to the oracle. */
  private Thread add(HttpTestClient h, String word) {
    unsure.add(word);
    Thread t = new Thread(() -> {
      HttpTestClient.Answer a = h.post("/v1/words/w/add", new JsonObject().put("words", new JsonArray().add(word)));
      System.out.println("add " + word + " through " + h.base + ": " + a.status() + " " + a.body());
      if (a.status() == 200) {
        words.add(word);
        unsure.remove(word);
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void signal(ChildServer n, String signal) {
    try {
      Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(n.process.pid())).inheritIO().start();
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
