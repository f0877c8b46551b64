package dev.sieve.cluster;

import static dev.sieve.cluster.ClusterWait.awaitCopies;
import static dev.sieve.cluster.ClusterWait.awaitMembers;
import static dev.sieve.cluster.ClusterWait.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three Sieve nodes in three JVMs on 127.0.0.1 (their own HTTP, Hazelcast and event-bus ports), one
 * cluster: a load through one node is answered the same by all three, as a TreeSet oracle answers;
 * after a kill -9 of one node the two others answer again, rightly, within 10 s; updates through
 * any node, before and after the kill, are seen by all; the last node of three takes no update.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {
  private static final String TOKEN = "cluster-test-secret";
  private final List<ChildServer> nodes = new ArrayList<>();
  private final List<HttpTestClient> http = new ArrayList<>();
  /** The oracle: code point order is UTF-8 byte order. */
  private final TreeSet<String> words = new TreeSet<>(Keys::compareWords);
  private final TreeSet<Long> numbers = new TreeSet<>();

  private final int[] ports = new int[3];
  /** Each node's data directory, kept across its restarts. */
  private final java.nio.file.Path[] dirs = new java.nio.file.Path[3];
  private String members;
  private final String name = "test-" + Long.toHexString(new Random().nextLong());

  @BeforeAll
  void startThree() throws Exception {
    for (int i = 0; i < ports.length; i++) {
      ports[i] = freePort();
      dirs[i] = java.nio.file.Files.createTempDirectory("sieve-cluster-" + i);
    }
    members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    for (int i = 0; i < ports.length; i++) {
      nodes.add(startNode(i));
    }
    for (ChildServer node : nodes) {
      node.awaitPort();
      http.add(node.http());
    }
    for (HttpTestClient h : http) {
      h.awaitReady();
      awaitMembers(h, 3);
    }
  }

  /** Node {@code i}: on its cluster port and data directory. */
  private ChildServer startNode(int i) throws IOException {
    return ChildServer.start(List.of("-Xmx256m"), Map.of(), "--port", "0", "--no-demo", "--data-dir", dirs[i].toString(),
        "--cluster", "--cluster-port", Integer.toString(ports[i]), "--cluster-members", members, "--cluster-name", name,
        "--cluster-token", TOKEN, "--replicas", "2");
  }

  @AfterAll
  void stop() throws IOException {
    nodes.forEach(ChildServer::close);
    for (java.nio.file.Path d : dirs) {
      ChildServer.deleteTree(d);
    }
  }

  @Test
  void anyNodeAnswersAsTheOracleAndTheOthersTakeOverAfterAKill() throws Exception {
    Random random = new Random(15);
    String[] pieces = {"sie", "ve", "a", "b", "é", "ß", "z", "日本", "\uD83D\uDE00", "q", "x"};
    while (words.size() < 3_000) {
      StringBuilder w = new StringBuilder();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        w.append(pieces[random.nextInt(pieces.length)]);
      }
      words.add(w.toString());
    }
    while (numbers.size() < 20_000) {
      numbers.add(random.nextInt(4) == 0 ? (1L << 40) + random.nextInt(1 << 20) : random.nextInt(1 << 22));
    }
    StringBuilder lines = new StringBuilder();
    words.descendingSet().forEach(w -> lines.append(w).append('\n'));
    HttpTestClient.Answer loaded = http.get(0).put("/v1/words/w", lines.toString());
    assertEquals(200, loaded.status(), loaded.body());
    assertEquals(words.size(), loaded.json().getLong("count"));
    StringBuilder nl = new StringBuilder();
    numbers.forEach(n -> nl.append(n).append('\n'));
    HttpTestClient.Answer loadedNumbers = http.get(1).put("/v1/numbers/n", nl.toString());
    assertEquals(200, loadedNumbers.status(), loadedNumbers.body());

    HttpTestClient.Answer cluster = http.get(2).get("/v1/cluster");
    dev.sieve.testing.ContractChecker.load().check("getCluster", 200, cluster);
    JsonObject state = cluster.json();
    assertEquals(3, state.getJsonArray("members").size());
    JsonObject w = state.getJsonArray("sets").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("name").equals("w")).findFirst().orElseThrow();
    assertEquals(3, w.getJsonArray("shards").size(), "one shard per member");
    for (Object shard : w.getJsonArray("shards")) {
      assertEquals(2, ((JsonObject) shard).getJsonArray("owners").size(), "--replicas 2");
    }
    bytesAddUpOverCopiesAndMembers(state);

    for (HttpTestClient h : http) {
      answersAsTheOracle(h, random);
    }
    grpcAnswersAsTheOracle(nodes.get(1).port);
    exportsMemoryAndCombineAsTheOracle(http.get(2));

    // updates through every node, as JSON and as lines, over shards whose primaries differ
    updateThroughEveryNode(random, http);
    for (HttpTestClient h : http) {
      answersAsTheOracle(h, random);
      shardJournalOnMetrics(h);
    }

    long killedAt = System.nanoTime();
    nodes.get(2).kill();
    List<HttpTestClient> alive = http.subList(0, 2);
    for (HttpTestClient h : alive) {
      // the first lookups may wait for Hazelcast to declare the node dead; none may be wrong
      HttpTestClient.Answer a = h.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray(new ArrayList<>(words))));
      assertEquals(200, a.status(), a.body());
    }
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    System.out.println("reads answered on both live nodes " + seconds + " s after the kill");
    assertTrue(seconds < 10, "reads resumed after " + seconds + " s");
    for (HttpTestClient h : alive) {
      answersAsTheOracle(h, random);
    }
    // the dead node was the primary of some shards: their next owners take the updates
    updateThroughEveryNode(random, alive);
    for (HttpTestClient h : alive) {
      answersAsTheOracle(h, random);
    }
    awaitMembers(http.get(0), 2);
    // the dead node's copies are made anew on the two live ones: every shard is back to 2 copies
    awaitCopies(http.get(0), 2);
    awaitCopies(http.get(1), 2);
    for (HttpTestClient h : alive) {
      answersAsTheOracle(h, random);
    }
    updateThroughEveryNode(random, alive); // replicated to the new copies too: checked after the next kill

    // the dead node comes back (a new process on its port and data directory, so a new node id; the
    // cluster went on meanwhile, so its copies on disk are deleted, not served): copies move onto it
    // until the copies' bytes are even, primaries staying, two copies of every shard throughout
    // meanwhile one writer adds and removes words of every shard through node 0 without a pause:
    // the copies shipped while it runs must catch up with what it did (ShardUpdates.newCopy)
    Writer writer = new Writer(http.get(0), new Random(16));
    writer.start();
    ChildServer back = startNode(2);
    nodes.add(back);
    back.awaitPort();
    http.set(2, back.http());
    http.get(2).awaitReady();
    awaitMembers(http.get(0), 3);
    awaitEvenCopies(http.get(0), http.get(2));
    writer.finish();
    System.out.println("updates acknowledged while the copies moved: " + writer.acknowledged);
    assertTrue(writer.acknowledged > 20, "the writer ran while the copies moved: " + writer.acknowledged);
    words.addAll(writer.present);
    for (HttpTestClient h : http) {
      answersAsTheOracle(h, random);
    }
    awaitFilesAreTheCopies(List.of(0, 1, 2)); // the moved copies' files gone from the old owners
    updateThroughEveryNode(random, http);
    for (HttpTestClient h : http) {
      answersAsTheOracle(h, random);
      shardJournalOnMetrics(h);
    }

    // a node that held copies before the death dies: the one that came back serves what it took
    nodes.get(1).kill();
    List<HttpTestClient> left = List.of(http.get(0), http.get(2));
    awaitMembers(http.get(0), 2);
    for (HttpTestClient h : left) {
      answersAsTheOracle(h, random);
    }
    awaitCopies(http.get(0), 2);
    awaitCopies(http.get(2), 2);
    updateThroughEveryNode(random, left);
    for (HttpTestClient h : left) {
      answersAsTheOracle(h, random);
    }

    // one node of three left: below the quorum (2), it acknowledges no update, and the words stay
    back.kill();
    awaitMembers(http.get(0), 1);
    // it holds a copy of every shard now (made after the first kill, with the updates since)
    answersAsTheOracle(http.get(0), random);
    HttpTestClient.Answer refused = http.get(0).post("/v1/words/w/add", new JsonObject().put("words", new JsonArray().add("minority")));
    assertEquals(503, refused.status(), refused.body());
    assertEquals("unavailable", refused.json().getString("code"));
    assertTrue(refused.json().getString("error").contains("quorum"), refused.body());

    // every node stops, then all start again on their data directories: the cluster serves every
    // set from the copies on disk, with every acknowledged update. Node 1 died before the last
    // updates, so its copies of some shards are stale: the newest copies are chosen, not them.
    nodes.get(0).kill();
    List<ChildServer> again = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      again.add(startNode(i));
    }
    nodes.addAll(again);
    for (int i = 0; i < 3; i++) {
      again.get(i).awaitPort();
      http.set(i, again.get(i).http());
    }
    for (HttpTestClient h : http) {
      h.awaitReady();
    }
    awaitMembers(http.get(0), 3);
    awaitSets(http.get(2), 4); // w, n, and the two combinations
    for (HttpTestClient h : http) {
      answersAsTheOracle(h, random);
    }
    assertEquals(0, http.get(1).json("/v1/numbers/none").getLong("count"));
    assertTrue(http.get(1).json("/v1/numbers/both").getLong("count") > 0);
    awaitCopies(http.get(0), 2);
    updateThroughEveryNode(random, http);
    for (HttpTestClient h : http) {
      answersAsTheOracle(h, random);
      shardJournalOnMetrics(h);
    }
    // the stale copies not chosen, and the copies a set replaced, are gone from the disks
    HttpTestClient.Answer replaced = http.get(1).put("/v1/numbers/none", "7\n");
    assertEquals(200, replaced.status(), replaced.body());
    awaitFilesAreTheCopies(List.of(0, 1, 2));
  }

  /**
   * Waits (up to 10 s: a dropped copy's file goes on a worker) until each of nodes {@code which}
   * has one copy file on disk per copy the shard map gives it, and no other.
   */
  private void awaitFilesAreTheCopies(List<Integer> which) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean all = true;
      StringBuilder seen = new StringBuilder();
      for (int i : which) {
        JsonObject state = http.get(i).json("/v1/cluster");
        String id = state.getString("node");
        long copies = 0;
        for (Object set : state.getJsonArray("sets")) {
          for (Object shard : ((JsonObject) set).getJsonArray("shards")) {
            copies += ((JsonObject) shard).getJsonArray("owners").contains(id) ? 1 : 0;
          }
        }
        long files;
        try (java.util.stream.Stream<java.nio.file.Path> f = java.nio.file.Files.list(dirs[i].resolve("cluster").resolve("shards"))) {
          files = f.filter(p -> p.toString().endsWith(".shard")).count();
        }
        all &= files == copies;
        seen.append("node ").append(i).append(": ").append(files).append(" files, ").append(copies).append(" copies; ");
      }
      if (all) {
        return;
      }
      last = seen.toString();
      Thread.sleep(200);
    }
    throw new AssertionError("copy files on disk are not the copies held: " + last);
  }

  /** Waits (up to 60 s) until node {@code h}'s {@code /v1/cluster} names {@code count} sets. */
  private static void awaitSets(HttpTestClient h, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonObject state = null;
    while (System.nanoTime() < deadline) {
      state = h.json("/v1/cluster");
      if (state.getJsonArray("sets").size() == count) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("expected " + count + " sets recovered within 60 s: " + state);
  }

  /**
   * Adds and removes words and numbers through each of {@code through}, checking each answer's
   * count of changed elements and the set's count against the oracle, which takes them too.
   */
  private void updateThroughEveryNode(Random random, List<HttpTestClient> through) {
    List<String> known = new ArrayList<>(words);
    for (HttpTestClient h : through) {
      List<String> add = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        add.add(random.nextBoolean() ? known.get(random.nextInt(known.size())) : "new" + random.nextInt(100_000) + "é");
      }
      long fresh = add.stream().distinct().filter(w -> !words.contains(w)).count();
      HttpTestClient.Answer added = h.post("/v1/words/w/add", new JsonObject().put("words", new JsonArray(add)));
      assertEquals(200, added.status(), added.body());
      words.addAll(add);
      assertEquals(fresh, added.json().getLong("added"), added.body());
      assertEquals(words.size(), added.json().getLong("count"), added.body());

      List<String> remove = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        remove.add(known.get(random.nextInt(known.size())));
      }
      remove.add("never-there");
      long gone = remove.stream().distinct().filter(words::contains).count();
      HttpTestClient.Answer removed = h.post("/v1/words/w/remove", String.join("\n", remove) + "\n");
      assertEquals(200, removed.status(), removed.body());
      remove.forEach(words::remove);
      assertEquals(gone, removed.json().getLong("removed"), removed.body());
      assertEquals(words.size(), h.json("/v1/words/w").getLong("count"));

      JsonArray addNumbers = new JsonArray();
      List<Long> removeNumbers = new ArrayList<>(numbers).subList(0, 50);
      for (int i = 0; i < 200; i++) {
        long n = random.nextBoolean() ? random.nextInt(1 << 22) : (1L << 40) + random.nextInt(1 << 20);
        addNumbers.add(n);
        numbers.add(n);
      }
      assertEquals(200, h.post("/v1/numbers/n/add", new JsonObject().put("numbers", addNumbers)).status());
      JsonArray drop = new JsonArray(new ArrayList<>(removeNumbers));
      numbers.removeAll(new ArrayList<>(removeNumbers));
      HttpTestClient.Answer droppedNumbers = h.post("/v1/numbers/n/remove", new JsonObject().put("numbers", drop));
      assertEquals(200, droppedNumbers.status(), droppedNumbers.body());
      assertEquals(numbers.size(), droppedNumbers.json().getLong("count"));
    }
  }

  private void answersAsTheOracle(HttpTestClient h, Random random) {
    List<String> asked = new ArrayList<>(words);
    for (int i = 0; i < 500; i++) {
      asked.add("zz" + random.nextInt(1000));
    }
    JsonArray present = h.post("/v1/words/w/contains", new JsonObject().put("words", new JsonArray(asked))).json()
        .getJsonArray("present");
    for (int i = 0; i < asked.size(); i++) {
      assertEquals(words.contains(asked.get(i)), present.getBoolean(i), asked.get(i));
    }
    assertEquals(words.contains("sieve"), h.json("/v1/words/w/contains?word=sieve").getBoolean("present"));
    for (String prefix : List.of("", "s", "sie", "é", "日本", "\uD83D\uDE00", "nothing")) {
      List<String> expected = words.stream().filter(x -> x.startsWith(prefix)).toList();
      List<String> got = new ArrayList<>();
      String after = null;
      do {
        JsonObject page = h.json("/v1/words/w/prefix?limit=97&prefix=" + HttpTestClient.q(prefix)
            + (after == null ? "" : "&after=" + HttpTestClient.q(after)));
        assertEquals(expected.size(), page.getLong("count"), prefix);
        page.getJsonArray("words").forEach(x -> got.add((String) x));
        after = page.getString("next");
      } while (after != null);
      assertEquals(expected, got, "prefix " + prefix);
    }
    assertEquals(words.size(), h.json("/v1/words/w").getLong("count"));
    fuzzyAndMatchAnswerAsTheOracle(h);
    long from = 1_000;
    long to = (1L << 40) + 5_000;
    List<Long> expected = new ArrayList<>(numbers.subSet(from, to));
    List<Long> got = new ArrayList<>();
    Long after = null;
    do {
      JsonObject page = h.json("/v1/numbers/n/range?limit=4000&from=" + from + "&to=" + to + (after == null ? "" : "&after=" + after));
      assertEquals(expected.size(), page.getLong("count"));
      page.getJsonArray("numbers").forEach(x -> got.add(((Number) x).longValue()));
      after = page.getLong("next");
    } while (after != null);
    assertEquals(expected, got);
    JsonArray probe = new JsonArray();
    List<Long> probes = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long n = random.nextBoolean() ? random.nextInt(1 << 22) : (1L << 40) + random.nextInt(1 << 20);
      probes.add(n);
      probe.add(n);
    }
    JsonArray present2 = h.post("/v1/numbers/n/contains", new JsonObject().put("numbers", probe)).json().getJsonArray("present");
    for (int i = 0; i < probes.size(); i++) {
      assertEquals(numbers.contains(probes.get(i)), present2.getBoolean(i), "number " + probes.get(i));
    }
  }

  /**
   * Fuzzy and wildcard lookups merged over the shards: every page, cursor after cursor, as a
   * brute force over the oracle (edit distance on code points; the pattern as a regex) orders them.
   */
  private void fuzzyAndMatchAnswerAsTheOracle(HttpTestClient h) {
    for (String word : List.of("sieve", "aé", "日本q", "")) {
      List<String> expected = new ArrayList<>();
      for (int d = 0; d <= 2; d++) {
        for (String x : words) {
          if (editDistance(word, x) == d) {
            expected.add(x + "|" + d);
          }
        }
      }
      List<String> got = new ArrayList<>();
      String after = null;
      do {
        JsonObject page = h.json("/v1/words/w/fuzzy?distance=2&limit=7&word=" + HttpTestClient.q(word)
            + (after == null ? "" : "&after=" + HttpTestClient.q(after)));
        assertEquals(expected.size(), page.getLong("count"), "fuzzy " + word);
        for (Object m : page.getJsonArray("matches")) {
          got.add(((JsonObject) m).getString("word") + "|" + ((JsonObject) m).getInteger("distance"));
        }
        after = page.getString("next");
      } while (after != null);
      assertEquals(expected, got, "fuzzy " + word);
    }
    for (String pattern : List.of("*ve", "?é*", "[a-b]*日本*", "s?e*")) {
      java.util.regex.Pattern regex = java.util.regex.Pattern.compile(
          pattern.replace("?", ".").replace("*", ".*"));
      List<String> expected = words.stream().filter(x -> regex.matcher(x).matches()).toList();
      List<String> got = new ArrayList<>();
      String after = null;
      do {
        JsonObject page = h.json("/v1/words/w/match?limit=50&pattern=" + HttpTestClient.q(pattern)
            + (after == null ? "" : "&after=" + HttpTestClient.q(after)));
        assertEquals(expected.size(), page.getLong("count"), "match " + pattern);
        page.getJsonArray("words").forEach(x -> got.add((String) x));
        after = page.getString("next");
      } while (after != null);
      assertEquals(expected, got, "match " + pattern);
    }
    HttpTestClient.Answer malformed = h.get("/v1/words/w/match?pattern=" + HttpTestClient.q("ab[c"));
    assertEquals(400, malformed.status(), malformed.body());
  }

  /**
   * The whole-set operations of cluster sets, gathered from the shards: word and number exports
   * equal to the oracle, a memory breakdown whose parts add up, and a combination of cluster sets
   * stored as a new cluster set.
   */
  private void exportsMemoryAndCombineAsTheOracle(HttpTestClient h) {
    HttpTestClient.Answer exported = h.get("/v1/words/w/export");
    assertEquals(200, exported.status(), exported.body());
    assertEquals(new ArrayList<>(words), List.of(exported.body().split("\n", -1)).subList(0, words.size()));
    assertEquals(words.size() + 1, exported.body().split("\n", -1).length, "one line per word, each ended");

    HttpTestClient.Answer numbersOut = h.get("/v1/numbers/n/export");
    assertEquals(200, numbersOut.status(), numbersOut.body());
    dev.sieve.numbers.NumberSet got = dev.sieve.numbers.NumberSetFormat.read(java.nio.ByteBuffer.wrap(numbersOut.raw().body()));
    assertEquals(numbers.size(), got.cardinality());
    for (long n : numbers) {
      assertTrue(got.contains(n), "exported " + n);
    }

    for (String kind : List.of("words/w", "numbers/n")) {
      JsonObject m = h.json("/v1/memory/" + kind);
      long partBytes = 0;
      for (Object p : m.getJsonArray("parts")) {
        partBytes += ((JsonObject) p).getLong("bytes");
      }
      assertTrue(partBytes > 0, kind + ": " + m);
      assertEquals(kind.startsWith("words") ? words.size() : numbers.size(), m.getLong("count"), kind + ": " + m);
    }

    HttpTestClient.Answer both = h.post("/v1/numbers/both/combine",
        new JsonObject().put("op", "or").put("sets", new JsonArray().add("n").add("n")));
    assertEquals(200, both.status(), both.body());
    assertEquals(numbers.size(), h.json("/v1/numbers/both").getLong("count"));
    long probe = numbers.first();
    assertTrue(h.json("/v1/numbers/both/contains?n=" + probe).getBoolean("present"));
    HttpTestClient.Answer none = h.post("/v1/numbers/none/combine",
        new JsonObject().put("op", "andnot").put("sets", new JsonArray().add("n").add("both")));
    assertEquals(200, none.status(), none.body());
    assertEquals(0, h.json("/v1/numbers/none").getLong("count"));
  }

  /** Levenshtein distance on code points (insertions, deletions, substitutions). */
  private static int editDistance(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length];
  }

  /** The gRPC face routes the same way: contains over every word, and the prefix pages joined across shards. */
  private void grpcAnswersAsTheOracle(int port) {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try (dev.sieve.testing.GrpcTestClient grpc = new dev.sieve.testing.GrpcTestClient(vertx, port)) {
      var ref = dev.sieve.proto.SetRef.newBuilder().setKind(dev.sieve.proto.Kind.WORDS).setName("w").build();
      List<String> asked = new ArrayList<>(words);
      asked.add("not-a-word");
      var present = grpc.sieve.contains(dev.sieve.proto.ContainsRequest.newBuilder().setSet(ref).addAllWords(asked).build())
          .await().getPresentList();
      for (int i = 0; i < asked.size(); i++) {
        assertEquals(words.contains(asked.get(i)), present.get(i), asked.get(i));
      }
      var page = grpc.sieve.prefix(dev.sieve.proto.PrefixRequest.newBuilder().setSet("w").setPrefix("s").setLimit(10_000).build())
          .await();
      assertEquals(words.stream().filter(x -> x.startsWith("s")).toList(), page.getWordsList());

      // Cluster: the same description as GET /v1/cluster on that node
      var state = grpc.sieve.cluster(dev.sieve.proto.ClusterRequest.getDefaultInstance()).await();
      JsonObject http = nodes.stream().filter(n -> n.port == port).findFirst().orElseThrow().http().json("/v1/cluster");
      assertTrue(state.getEnabled());
      assertEquals(http.getString("node"), state.getNode());
      assertEquals(http.getInteger("quorum"), state.getQuorum());
      assertEquals(http.getJsonArray("members").size(), state.getMembersCount());
      for (int i = 0; i < state.getMembersCount(); i++) {
        assertEquals(http.getJsonArray("members").getJsonObject(i).getLong("shardBytes"), state.getMembers(i).getShardBytes());
      }
      var w = state.getSetsList().stream().filter(x -> x.getName().equals("w")).findFirst().orElseThrow();
      assertEquals(dev.sieve.proto.Kind.WORDS, w.getKind());
      assertEquals(words.size(), w.getCount());
      assertEquals(2 * w.getBytes(), w.getCopyBytes());
      JsonArray shards = http.getJsonArray("sets").stream().map(JsonObject.class::cast)
          .filter(x -> x.getString("name").equals("w")).findFirst().orElseThrow().getJsonArray("shards");
      assertEquals(shards.size(), w.getShardsCount());
      for (int i = 0; i < shards.size(); i++) {
        JsonObject sh = shards.getJsonObject(i);
        var g = w.getShards(i);
        assertEquals(sh.getString("from"), g.getStart());
        assertEquals(sh.getString("to") != null, g.getHasEnd());
        assertEquals(sh.getJsonArray("owners").getList(), g.getOwnersList());
        assertEquals(sh.getLong("count"), g.getCount());
      }
      assertEquals(words.size(), w.getShardsList().stream().mapToLong(dev.sieve.proto.ClusterShard::getCount).sum());
    } finally {
      vertx.close();
    }
  }

  /**
   * Each set's {@code copyBytes} is its shards' bytes times their owners, and twice its {@code
   * bytes} with every shard on 2 members; the members' {@code shardBytes} share the same total, and
   * each node's own {@code heldBytes} (what it holds) is what the shard map gives it.
   */
  private void bytesAddUpOverCopiesAndMembers(JsonObject state) {
    long copies = 0;
    for (Object o : state.getJsonArray("sets")) {
      JsonObject set = (JsonObject) o;
      long expected = 0;
      for (Object sh : set.getJsonArray("shards")) {
        expected += ((JsonObject) sh).getLong("bytes") * ((JsonObject) sh).getJsonArray("owners").size();
      }
      assertEquals(expected, set.getLong("copyBytes"), set.encode());
      assertEquals(2 * set.getLong("bytes"), set.getLong("copyBytes"), set.encode());
      assertTrue(set.getLong("bytes") > 0, set.encode());
      copies += expected;
    }
    long owned = 0;
    for (Object o : state.getJsonArray("members")) {
      owned += ((JsonObject) o).getLong("shardBytes");
    }
    assertEquals(copies, owned);
    for (HttpTestClient h : http) {
      JsonObject own = h.json("/v1/cluster");
      JsonObject self = own.getJsonArray("members").stream().map(JsonObject.class::cast)
          .filter(m -> m.getString("id").equals(own.getString("node"))).findFirst().orElseThrow();
      assertEquals(own.getLong("heldBytes"), self.getLong("shardBytes"), own.encode());
      // the same figures on /metrics: the map's cluster-wide ones, and this node's own
      Map<String, Double> metrics = metrics(h);
      for (Object o : state.getJsonArray("sets")) {
        JsonObject set = (JsonObject) o;
        String tags = "{kind=\"" + set.getString("kind") + "\",name=\"" + set.getString("name") + "\"}";
        assertEquals(set.getLong("bytes"), metrics.get("sieve_cluster_set_bytes" + tags).longValue(), tags);
        assertEquals(set.getLong("copyBytes"), metrics.get("sieve_cluster_set_copy_bytes" + tags).longValue(), tags);
        assertEquals(set.getJsonArray("shards").size(), metrics.get("sieve_cluster_set_shards" + tags).intValue(), tags);
      }
      assertEquals(3, metrics.get("sieve_cluster_members").intValue());
      assertEquals(0, metrics.get("sieve_cluster_shards_short").intValue());
      assertEquals(own.getLong("heldBytes"), metrics.get("sieve_cluster_held_bytes").longValue());
      assertTrue(metrics.get("sieve_cluster_held_copies") > 0);
      assertTrue(metrics.get("sieve_cluster_disk_bytes") > own.getLong("heldBytes"), "every copy held is on disk too");
      assertTrue(metrics.containsKey("sieve_cluster_fold_seconds_count"), "the copies' folds are on /metrics");
      assertEquals(0, metrics.get("sieve_cluster_fold_failures_total").intValue());
      double lease = metrics.get("sieve_cluster_lease_seconds");
      assertTrue(lease > 0 && lease <= PrimaryLease.LEASE_MILLIS / 1e3, "a member of a healthy cluster holds its lease: " + lease);
    }
  }

  /**
   * Node {@code h}'s shard journal on {@code /metrics}: every node holds copies of shards that took
   * updates (journaled there, primary or replica), each synced under the default {@code --fsync always}.
   */
  private static void shardJournalOnMetrics(HttpTestClient h) {
    Map<String, Double> metrics = metrics(h);
    assertTrue(metrics.get("sieve_cluster_journal_records") > 0, metrics.toString());
    assertTrue(metrics.get("sieve_cluster_journal_content_bytes") > 0);
    assertTrue(metrics.get("sieve_cluster_journal_bytes") >= metrics.get("sieve_cluster_journal_content_bytes"));
    assertTrue(metrics.get("sieve_cluster_disk_bytes") >= metrics.get("sieve_cluster_journal_bytes"), "the journal is on disk");
    assertEquals(1, metrics.get("sieve_cluster_journal_fsync_policy{policy=\"always\"}").intValue());
    double fsyncs = metrics.get("sieve_cluster_journal_fsyncs_total");
    assertTrue(fsyncs > 0);
    assertEquals(fsyncs, metrics.get("sieve_cluster_journal_sync_group_records_count"));
    assertTrue(metrics.get("sieve_cluster_journal_sync_group_records_sum") > 0, "records covered by the syncs");
    assertEquals(fsyncs, metrics.get("sieve_cluster_journal_sync_seconds_count"));
  }

  /** {@code /metrics} of node {@code h}: each sample's name and labels to its value. */
  private static Map<String, Double> metrics(HttpTestClient h) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (String line : h.get("/metrics").body().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        int space = line.lastIndexOf(' ');
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return out;
  }

  /**
   * Adds new words of every shard through one node, one request at a time, and removes some of
   * them again: {@link #present} is what its acknowledged updates left (it fails the test on any
   * answer but 200).
   */
  private static final class Writer extends Thread {
    private static final String[] PIECES = {"a", "b", "q", "sie", "ve", "x", "z", "é", "ß", "日本", "\uD83D\uDE00"};
    private final HttpTestClient h;
    private final Random random;
    private volatile boolean running = true;
    final java.util.Set<String> present = new java.util.LinkedHashSet<>();
    volatile int acknowledged;
    private volatile AssertionError failed;

    Writer(HttpTestClient h, Random random) {
      this.h = h;
      this.random = random;
      setDaemon(true);
    }

    @Override
    public void run() {
      List<String> mine = new ArrayList<>();
      for (int i = 0; running; i++) {
        boolean remove = !mine.isEmpty() && random.nextInt(4) == 0;
        String w = remove ? mine.remove(random.nextInt(mine.size())) : PIECES[random.nextInt(PIECES.length)] + "~mv" + i;
        HttpTestClient.Answer a = h.post("/v1/words/w/" + (remove ? "remove" : "add"), new JsonObject().put("words", new JsonArray().add(w)));
        if (a.status() != 200) {
          failed = new AssertionError("an update during the moves was refused: " + a.status() + " " + a.body());
          return;
        }
        if (remove) {
          present.remove(w);
        } else {
          mine.add(w);
          present.add(w);
        }
        acknowledged++;
      }
    }

    void finish() throws InterruptedException {
      running = false;
      join(60_000);
      if (failed != null) {
        throw failed;
      }
    }
  }

  /**
   * Waits (up to 60 s) until every shard has 2 copies on live members and each live member holds
   * shards, {@code joined} (the node that came back) among them, as its own {@code heldBytes} says.
   */
  private static void awaitEvenCopies(HttpTestClient h, HttpTestClient joined) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonObject state = null;
    while (System.nanoTime() < deadline) {
      state = h.json("/v1/cluster");
      java.util.Set<String> live = new java.util.HashSet<>();
      boolean even = true;
      for (Object m : state.getJsonArray("members")) {
        JsonObject member = (JsonObject) m;
        if (member.getBoolean("alive")) {
          live.add(member.getString("id"));
          even &= member.getLong("shardBytes") > 0;
        }
      }
      for (Object set : state.getJsonArray("sets")) {
        for (Object shard : ((JsonObject) set).getJsonArray("shards")) {
          JsonArray owners = ((JsonObject) shard).getJsonArray("owners");
          even &= owners.size() == 2 && live.containsAll(owners.getList());
        }
      }
      if (even && joined.json("/v1/cluster").getLong("heldBytes") > 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the copies did not spread onto the member that joined within 60 s: " + state);
  }
}
