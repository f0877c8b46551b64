package dev.sieve.cluster;

import static dev.sieve.cluster.ClusterWait.awaitMembers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A rolling restart of a three-node cluster ({@code --replicas 2}), as Kubernetes makes one: each
 * node in turn stopped with SIGTERM, started again on its data directory, and the next one stopped
 * only once the restarted one is ready. Meanwhile a reader asks the two other nodes, without a
 * pause, for words and non-words and a prefix page: no read may fail or be wrong. Updates
 * acknowledged between the restarts are all there at the end, on every node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRollingRestartTest {
  private final int[] ports = new int[3];
  private final Path[] dirs = new Path[3];
  private final ChildServer[] nodes = new ChildServer[3];
  private final List<ChildServer> all = new ArrayList<>();
  private final String name = "rolling-" + Long.toHexString(new Random().nextLong());
  private String members;
  /** The oracle: code point order is UTF-8 byte order. */
  private final TreeSet<String> words = new TreeSet<>(Keys::compareWords);
  /** The node being restarted, which the reader leaves alone (-1: none). */
  private volatile int restarting = -1;
  private volatile boolean reading = true;

  private ChildServer start(int i) throws IOException {
    ChildServer c = ChildServer.start(List.of("-Xmx256m"), Map.of(), "--port", "0", "--no-demo", "--data-dir",
        dirs[i].toString(), "--drain-seconds", "1", "--cluster", "--cluster-port", Integer.toString(ports[i]),
        "--cluster-members", members, "--cluster-name", name, "--replicas", "2");
    all.add(c);
    c.awaitPort();
    return c;
  }

  @AfterAll
  void stop() throws IOException {
    reading = false;
    all.forEach(ChildServer::close);
    for (Path d : dirs) {
      ChildServer.deleteTree(d);
    }
  }

  @Test
  void noReadFailsWhileEachNodeRestartsInTurn() throws Exception {
    for (int i = 0; i < 3; i++) {
      ports[i] = ClusterWait.freePort();
      dirs[i] = Files.createTempDirectory("sieve-rolling-" + i);
    }
    members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    for (int i = 0; i < 3; i++) {
      nodes[i] = start(i);
    }
    for (ChildServer n : nodes) {
      n.awaitReady();
    }
    awaitMembers(nodes[0].http(), 3);
    Random random = new Random(3);
    while (words.size() < 3_000) {
      words.add(Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + (random.nextBoolean() ? "é" : "日"));
    }
    HttpTestClient.Answer loaded = nodes[0].http().put("/v1/words/w", String.join("\n", words) + "\n");
    assertEquals(200, loaded.status(), loaded.body());

    concurrentUpdatesLandInOrder();

    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicLong reads = new AtomicLong();
    Thread reader = new Thread(() -> read(failures, reads), "reader");
    reader.setDaemon(true);
    reader.start();

    for (int i = 0; i < 3; i++) {
      // updates acknowledged before the stop: a copy the stopped node held is made again elsewhere with them
      List<String> added = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        added.add("added-" + i + "-" + k);
      }
      HttpTestClient.Answer a = nodes[(i + 1) % 3].http().post("/v1/words/w/add",
          new JsonObject().put("words", new JsonArray(new ArrayList<>(added))));
      assertEquals(200, a.status(), a.body());
      synchronized (words) {
        words.addAll(added);
      }
      restarting = i;
      Thread.sleep(300); // the reader's request in flight to node i, if any, ends
      long stopAt = System.nanoTime();
      nodes[i].terminate();
      assertTrue(nodes[i].process.waitFor(60, TimeUnit.SECONDS), "node " + i + " stops on SIGTERM");
      nodes[i] = start(i);
      nodes[i].awaitReady(); // ready: every shard back to 2 copies
      System.out.printf("node %d stopped and ready again after %.1f s, %d reads so far%n", i,
          (System.nanoTime() - stopAt) / 1e9, reads.get());
      restarting = -1;
    }
    Thread.sleep(1_000);
    reading = false;
    reader.join(30_000);
    assertEquals(List.of(), failures, "reads that failed or were wrong during the rolling restart");
    assertTrue(reads.get() > 50, "reads made: " + reads.get());
    for (ChildServer n : nodes) {
      HttpTestClient h = n.http();
      assertEquals(words.size(), h.json("/v1/words/w").getLong("count"));
      HttpTestClient.Answer c = h.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray(new ArrayList<>(words))));
      assertEquals(200, c.status(), c.body());
      assertTrue(c.json().getJsonArray("present").stream().allMatch(Boolean.TRUE::equals), "every word on " + h.base);
    }
  }

  /**
   * Eight clients at once through the three nodes, each adding its own words one request at a
   * time and then removing some of them: the shards' primaries take them in batches mixing adds
   * and removes of several clients, and each client's order must hold.
   */
  private void concurrentUpdatesLandInOrder() throws Exception {
    List<Thread> clients = new ArrayList<>();
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < 8; c++) {
      int client = c;
      clients.add(new Thread(() -> {
        HttpTestClient h = nodes[client % 3].http();
        for (int k = 0; k < 30; k++) {
          HttpTestClient.Answer a = h.post("/v1/words/w/add", new JsonObject().put("words", new JsonArray().add("c" + client + "-" + k)));
          if (a.status() != 200) {
            failed.add(a.status() + " " + a.body());
          }
        }
        for (int k = 0; k < 10; k++) {
          HttpTestClient.Answer a = h.post("/v1/words/w/remove", new JsonObject().put("words", new JsonArray().add("c" + client + "-" + k)));
          if (a.status() != 200) {
            failed.add(a.status() + " " + a.body());
          }
        }
      }));
    }
    clients.forEach(Thread::start);
    for (Thread t : clients) {
      t.join(120_000);
    }
    assertEquals(List.of(), failed);
    for (int c = 0; c < 8; c++) {
      for (int k = 10; k < 30; k++) {
        words.add("c" + c + "-" + k);
      }
    }
    for (ChildServer n : nodes) {
      assertEquals(words.size(), n.http().json("/v1/words/w").getLong("count"));
      JsonArray absent = new JsonArray();
      for (int c = 0; c < 8; c++) {
        absent.add("c" + c + "-0").add("c" + c + "-9");
      }
      HttpTestClient.Answer a = n.http().post("/v1/words/w/contains", new JsonObject().put("words", absent));
      assertTrue(a.json().getJsonArray("present").stream().noneMatch(Boolean.TRUE::equals), a.body());
    }
  }

  /** Until told to stop: batches of words and non-words, and a prefix page, through a node not being restarted. */
  private void read(List<String> failures, AtomicLong reads) {
    Random r = new Random(9);
    while (reading) {
      int skip = restarting;
      int at = r.nextInt(3);
      if (at == skip) {
        at = (at + 1) % 3;
      }
      ChildServer node = nodes[at];
      List<String> known;
      synchronized (words) {
        known = new ArrayList<>(words);
      }
      List<String> asked = new ArrayList<>();
      List<Boolean> want = new ArrayList<>();
      for (int k = 0; k < 100; k++) {
        boolean member = r.nextBoolean();
        asked.add(member ? known.get(r.nextInt(known.size())) : "absent-" + r.nextInt(1_000_000));
        want.add(member);
      }
      try {
        HttpTestClient h = node.http();
        HttpTestClient.Answer a = h.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray(new ArrayList<>(asked))));
        if (a.status() != 200) {
          failures.add("contains on node " + at + ": " + a.status() + " " + a.body());
        } else if (!a.json().getJsonArray("present").getList().equals(want)) {
          failures.add("contains on node " + at + ": wrong answer");
        }
        HttpTestClient.Answer p = h.get("/v1/words/w/prefix?prefix=1&limit=5");
        long count = known.stream().filter(w -> w.startsWith("1")).count();
        if (p.status() != 200) {
          failures.add("prefix on node " + at + ": " + p.status() + " " + p.body());
        } else if (p.json().getLong("count") != count) {
          failures.add("prefix on node " + at + ": count " + p.json().getLong("count") + ", not " + count);
        }
        reads.addAndGet(2);
      } catch (RuntimeException e) {
        if (restarting == at || skip == at) {
          continue; // the node went down between the choice and the request: the client's to retry elsewhere
        }
        failures.add("node " + at + ": " + e);
      }
    }
  }
}
