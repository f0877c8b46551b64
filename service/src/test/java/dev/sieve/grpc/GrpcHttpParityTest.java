package dev.sieve.grpc;

import static dev.sieve.testing.HttpTestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.ServiceConfig;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.ListSetsRequest;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.MemoryBreakdown;
import dev.sieve.proto.MemoryPart;
import dev.sieve.proto.MemoryRequest;
import dev.sieve.proto.MemoryReport;
import dev.sieve.proto.SetDelta;
import dev.sieve.proto.DeltaLevel;
import dev.sieve.proto.Storage;
import dev.sieve.proto.NumberRange;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.PrefixResponse;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.RangeResponse;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SetStats;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.proto.UpdateResponse;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same random queries (fixed seeds) over HTTP and gRPC give the same answers: the demo sets
 * ({@code en}, about 100,000 words, and {@code primes}) and a number set reaching past 2^32.
 */
class GrpcHttpParityTest {
  @RegisterExtension
  // No fold by size during the test: updatesAgree compares the version an update answers with the
  // one the stats give next, and a fold between them (a few thousand flips of its small sets, now
  // that the ratio counts elements) would install a new version.
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withDemo(true)
      .withCompaction(new CompactionPolicy(1000, Duration.ofHours(1))));
  static List<String> words;

  @BeforeAll
  static void start() throws Exception {
    for (int i = 0; i < 600 && get("/ready").status() != 200; i++) {
      Thread.sleep(100);
    }
    assertEquals(200, get("/ready").status(), "demo data did not load");
    StringBuilder big = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long base = random.nextBoolean() ? random.nextInt(1 << 20) : (1L << 32) + random.nextInt(1 << 24);
      big.append(base);
      if (random.nextInt(10) == 0) {
        big.append('-').append(base + random.nextInt(5_000));
      }
      big.append('\n');
    }
    server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(LoadChunk.newBuilder().setName("mixed")
        .setLines(ByteString.copyFromUtf8(big.toString())).build()).iterator(), null).ok();
    words = new ArrayList<>();
    for (Object w : json("/v1/words/en/prefix?prefix=&limit=10000").getJsonArray("words")) {
      words.add((String) w);
    }
  }

  static Answer get(String path) {
    return server.http().get(path);
  }

  static JsonObject json(String path) {
    Answer r = get(path);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  static JsonObject post(String path, JsonObject body) {
    Answer r = server.http().post(path, body);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  static Answer send(String method, String path, String contentType, String body) {
    return server.http().send(method, path, body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  static List<Object> bools(List<Boolean> present) {
    return new ArrayList<>(present);
  }

  @Test
  void wordLookupsAndPagesAgree() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String w = words.get(random.nextInt(words.size()));
        batch.add(switch (random.nextInt(4)) {
          case 0 -> w;
          case 1 -> w + (char) ('a' + random.nextInt(26));
          case 2 -> w.substring(0, random.nextInt(w.length() + 1));
          default -> w.toUpperCase();
        });
      }
      JsonArray overHttp = post("/v1/words/en/contains", new JsonObject().put("words", new JsonArray(batch)))
          .getJsonArray("present");
      List<Boolean> overGrpc = server.grpc().sieve.contains(ContainsRequest.newBuilder()
          .setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("en")).addAllWords(batch).build()).await().getPresentList();
      assertEquals(overHttp.getList(), bools(overGrpc));

      String w = words.get(random.nextInt(words.size()));
      String prefix = w.substring(0, Math.min(w.length(), random.nextInt(4)));
      int limit = 1 + random.nextInt(40);
      String after = null;
      for (int page = 0; page < 3; page++) {
        JsonObject h = json("/v1/words/en/prefix?prefix=" + q(prefix) + "&limit=" + limit
            + (after == null ? "" : "&after=" + q(after)));
        PrefixRequest.Builder request = PrefixRequest.newBuilder().setSet("en").setPrefix(prefix).setLimit(limit);
        if (after != null) {
          request.setAfter(after);
        }
        PrefixResponse g = server.grpc().sieve.prefix(request.build()).await();
        assertEquals(h.getString("prefix"), g.getPrefix());
        assertEquals(h.getLong("count"), g.getCount());
        assertEquals(h.getJsonArray("words").getList(), g.getWordsList());
        assertEquals(h.getString("next"), g.hasNext() ? g.getNext() : null);
        after = h.getString("next");
        if (after == null) {
          break;
        }
      }
    }
  }

  @Test
  void numberLookupsAndRangesAgree() throws Exception {
    Random random = new Random(43);
    for (String set : List.of("primes", "mixed")) {
      for (int round = 0; round < 20; round++) {
        List<Long> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          batch.add(random.nextBoolean() ? (long) random.nextInt(1 << 24) : (1L << 32) + random.nextInt(1 << 24));
        }
        JsonArray overHttp = post("/v1/numbers/" + set + "/contains", new JsonObject().put("numbers", new JsonArray(new ArrayList<>(batch))))
            .getJsonArray("present");
        List<Boolean> overGrpc = server.grpc().sieve.contains(ContainsRequest.newBuilder()
            .setSet(SetRef.newBuilder().setKind(Kind.NUMBERS).setName(set)).addAllNumbers(batch).build()).await().getPresentList();
        assertEquals(overHttp.getList(), bools(overGrpc));

        long from = random.nextBoolean() ? random.nextInt(1 << 24) : (1L << 32) + random.nextInt(1 << 24);
        Long to = random.nextInt(3) == 0 ? null : from + random.nextInt(100_000);
        Long after = random.nextInt(3) == 0 ? from + random.nextInt(1000) : null;
        int limit = 1 + random.nextInt(200);
        JsonObject h = json("/v1/numbers/" + set + "/range?from=" + from + (to == null ? "" : "&to=" + to)
            + (after == null ? "" : "&after=" + after) + "&limit=" + limit);
        RangeRequest.Builder request = RangeRequest.newBuilder().setSet(set).setFrom(from).setLimit(limit);
        if (to != null) {
          request.setTo(to);
        }
        if (after != null) {
          request.setAfter(after);
        }
        RangeResponse g = server.grpc().sieve.range(request.build()).await();
        assertEquals(h.getLong("count"), g.getCount());
        List<Long> numbers = new ArrayList<>();
        for (Object n : h.getJsonArray("numbers")) {
          numbers.add(((Number) n).longValue());
        }
        assertEquals(numbers, g.getNumbersList());
        assertEquals(h.getLong("next"), g.hasNext() ? Long.valueOf(g.getNext()) : null);
      }
    }
  }

  @Test
  void statsListsAndMemoryAgree() throws Exception {
    for (String path : List.of("words/en", "numbers/primes", "numbers/mixed")) {
      JsonObject h = json("/v1/" + path);
      SetStats g = server.grpc().sieve.stats(SetRef.newBuilder()
          .setKind(path.startsWith("words") ? Kind.WORDS : Kind.NUMBERS).setName(path.substring(path.indexOf('/') + 1)).build()).await();
      assertEquals(h.getLong("count"), g.getCount());
      assertEquals(h.getLong("bytes"), g.getBytes());
      assertEquals(h.getDouble("bytesPerElement"), g.getBytesPerElement());
      assertEquals(h.getLong("baselineBytes"), g.getBaselineBytes());
      assertEquals(h.getLong("version"), g.getVersion());
      assertEquals(h.getString("loadedAt"), g.getLoadedAt());
      assertEquals(h.getString("type", ""), g.getType());
      assertEquals(h.getLong("mappedBytes", 0L), g.getMappedBytes());
      assertEquals(delta(h.getJsonObject("delta")), delta(g.getDelta()), path);
    }
    List<String> httpNames = new ArrayList<>();
    for (String kind : List.of("words", "numbers")) {
      for (Object s : json("/v1/" + kind).getJsonArray("sets")) {
        httpNames.add(kind + "/" + ((JsonObject) s).getString("name"));
      }
    }
    List<String> grpcNames = server.grpc().sieve.listSets(ListSetsRequest.getDefaultInstance()).await().getSetsList().stream()
        .map(s -> s.getSet().getKind().name().toLowerCase() + "/" + s.getSet().getName()).toList();
    assertEquals(httpNames, grpcNames);

    JsonObject httpMemory = json("/v1/memory");
    JsonArray httpRows = httpMemory.getJsonArray("structures");
    MemoryReport grpcMemory = server.grpc().sieve.memory(MemoryRequest.getDefaultInstance()).await();
    var grpcRows = grpcMemory.getStructuresList();
    assertEquals(httpRows.size(), grpcRows.size());
    for (int i = 0; i < grpcRows.size(); i++) {
      JsonObject h = httpRows.getJsonObject(i);
      SetStats g = grpcRows.get(i);
      assertEquals(h.getString("kind") + "/" + h.getString("name") + " " + h.getLong("bytes") + " " + h.getLong("baselineBytes")
              + " " + h.getLong("snapshotBytes") + " " + h.getLong("mappedBytes") + " " + delta(h.getJsonObject("delta")),
          g.getSet().getKind().name().toLowerCase() + "/" + g.getSet().getName() + " " + g.getBytes() + " "
              + g.getBaselineBytes() + " " + g.getSnapshotBytes() + " " + g.getMappedBytes() + " " + delta(g.getDelta()));
    }
    // what does not move between the two calls: storage, the load budget's limit, compactions
    JsonObject storage = httpMemory.getJsonObject("storage");
    JsonObject journal = storage.getJsonObject("journal");
    Storage g = grpcMemory.getStorage();
    assertEquals(storage.getBoolean("durable"), g.getDurable());
    assertEquals(journal.getString("fsync") + " " + journal.getLong("records") + " " + journal.getLong("fileBytes")
            + " " + journal.getLong("recordBytes") + " " + storage.getJsonObject("snapshots").getLong("files"),
        g.getJournal().getFsync() + " " + g.getJournal().getRecords() + " " + g.getJournal().getFileBytes()
            + " " + g.getJournal().getRecordBytes() + " " + g.getSnapshotFiles());
    assertEquals(httpMemory.getJsonObject("loadMemory").getLong("limit"), grpcMemory.getLoadMemory().getLimit());
    List<String> httpCompactions = new ArrayList<>();
    for (String kind : List.of("words", "numbers")) {
      for (String action : List.of("fold", "merge")) {
        JsonObject t = httpMemory.getJsonObject("compactions").getJsonObject(kind).getJsonObject(action);
        httpCompactions.add(kind + " " + action + " " + t.getLong("count") + " " + t.getLong("bytes"));
      }
    }
    assertEquals(httpCompactions, grpcMemory.getCompactionsList().stream()
        .map(c -> c.getKind().name().toLowerCase() + " " + c.getAction() + " " + c.getCount() + " " + c.getBytes()).toList());
    assertTrue(grpcMemory.getAccountedBytes() >= grpcMemory.getHeapCommitted() + grpcMemory.getNonHeapCommitted());
  }

  private static String delta(JsonObject d) {
    StringBuilder levels = new StringBuilder();
    for (Object l : d.getJsonArray("levels")) {
      JsonObject level = (JsonObject) l;
      levels.append(' ').append(level.getLong("elements")).append('/').append(level.getLong("bytes")).append('/')
          .append(level.getBoolean("sealed"));
    }
    return d.getLong("updates") + " +" + d.getLong("added") + " -" + d.getLong("removed") + " " + d.getLong("bytes")
        + "B " + d.getLong("journalBytes") + "J" + levels;
  }

  private static String delta(SetDelta d) {
    StringBuilder levels = new StringBuilder();
    for (DeltaLevel level : d.getLevelsList()) {
      levels.append(' ').append(level.getElements()).append('/').append(level.getBytes()).append('/').append(level.getSealed());
    }
    return d.getUpdates() + " +" + d.getAdded() + " -" + d.getRemoved() + " " + d.getBytes() + "B " + d.getJournalBytes()
        + "J" + levels;
  }

  @Test
  void exportsAndBreakdownsAgree() throws Exception {
    for (String set : List.of("primes", "mixed")) {
      Answer h = get("/v1/numbers/" + set + "/export");
      assertEquals(200, h.status());
      assertEquals(java.util.Arrays.toString(h.raw().body()), java.util.Arrays.toString(GrpcApiTest.export(server, set)));
    }
    for (String path : List.of("words/en", "numbers/primes", "numbers/mixed")) {
      JsonObject h = json("/v1/memory/" + path);
      MemoryBreakdown g = server.grpc().sieve.memoryOf(SetRef.newBuilder()
          .setKind(path.startsWith("words") ? Kind.WORDS : Kind.NUMBERS).setName(path.substring(path.indexOf('/') + 1)).build()).await();
      assertEquals(h.getLong("bytes"), g.getSet().getBytes());
      assertEquals(h.getLong("count"), g.getSet().getCount());
      JsonArray parts = h.getJsonArray("parts");
      assertEquals(parts.size(), g.getPartsCount());
      for (int i = 0; i < parts.size(); i++) {
        JsonObject p = parts.getJsonObject(i);
        MemoryPart q = g.getParts(i);
        assertEquals(p.getString("part"), q.getPart());
        assertEquals(p.getLong("bytes"), q.getBytes());
        assertEquals(p.getLong("count"), q.hasCount() ? Long.valueOf(q.getCount()) : null);
        assertEquals(p.getLong("values"), q.hasValues() ? Long.valueOf(q.getValues()) : null);
      }
    }
  }

  @Test
  void errorsAgree() throws Exception {
    Answer missing = get("/v1/numbers/absent/range");
    var grpcMissing = server.grpc().call(SieveGrpcClient.Range, RangeRequest.newBuilder().setSet("absent").build(), null);
    assertEquals(404, missing.status());
    assertEquals(GrpcStatus.NOT_FOUND, grpcMissing.status());
    assertEquals(new JsonObject(missing.body()).getString("error"), grpcMissing.message());

    Answer badLimit = get("/v1/words/en/prefix?limit=20000");
    var grpcBadLimit = server.grpc().call(SieveGrpcClient.Prefix, PrefixRequest.newBuilder().setSet("en").setLimit(20000).build(), null);
    assertEquals(400, badLimit.status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, grpcBadLimit.status());
    assertEquals(new JsonObject(badLimit.body()).getString("error"), grpcBadLimit.message());

    String body = "1\n2\n3-x\n4\n";
    Answer badLine = server.http().send("PUT", "/v1/numbers/bad", body.getBytes(StandardCharsets.UTF_8), null);
    var grpcBadLine = server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(LoadChunk.newBuilder().setName("bad")
        .setLines(ByteString.copyFromUtf8(body)).build()).iterator(), null);
    JsonObject error = new JsonObject(badLine.body());
    assertEquals(400, badLine.status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, grpcBadLine.status());
    assertEquals("line " + error.getLong("line") + ": " + error.getString("error"), grpcBadLine.message());
  }

  /**
   * The same random adds and removes (fixed seed) of twin sets, one updated over HTTP (JSON
   * bodies), the other over gRPC: the same counts of changed elements, the same sizes, the same
   * members; the answers' versions are the sets' own.
   */
  @Test
  void updatesAgree() throws Exception {
    Random random = new Random(44);
    StringBuilder start = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      start.append(words.get(random.nextInt(words.size()))).append('\n');
    }
    assertEquals(200, send("PUT", "/v1/words/upd-http", "text/plain", start.toString()).status());
    server.grpc().stream(SieveGrpcClient.LoadWords, List.of(LoadChunk.newBuilder().setName("upd-grpc")
        .setLines(ByteString.copyFromUtf8(start.toString())).build()).iterator(), null).ok();
    assertEquals(200, send("PUT", "/v1/numbers/updn-http", "text/plain", "1\n5-900\n4294967296-4294970000\n").status());
    server.grpc().stream(SieveGrpcClient.LoadNumbers, List.of(LoadChunk.newBuilder().setName("updn-grpc")
        .setLines(ByteString.copyFromUtf8("1\n5-900\n4294967296-4294970000\n")).build()).iterator(), null).ok();

    List<String> touchedWords = new ArrayList<>();
    List<Long> touchedNumbers = new ArrayList<>();
    for (int round = 0; round < 30; round++) {
      String op = random.nextInt(3) == 0 ? "remove" : "add";
      String changedField = op.equals("add") ? "added" : "removed";

      List<String> batch = new ArrayList<>();
      for (int i = 0, n = random.nextInt(300); i < n; i++) {
        String w = words.get(random.nextInt(words.size()));
        batch.add(random.nextBoolean() ? w : w + "-" + random.nextInt(50));
      }
      touchedWords.addAll(batch);
      Answer hr = send("POST", "/v1/words/upd-http/" + op, "application/json",
          new JsonObject().put("words", new JsonArray(new ArrayList<>(batch))).encode());
      assertEquals(200, hr.status(), hr.body());
      JsonObject h = new JsonObject(hr.body());
      UpdateRequest request = UpdateRequest.newBuilder().setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("upd-grpc"))
          .addAllWords(batch).build();
      UpdateResponse g = (op.equals("add") ? server.grpc().sieve.add(request) : server.grpc().sieve.remove(request)).await();
      assertEquals(h.getLong(changedField), g.getChanged(), "round " + round + " " + op);
      assertEquals(h.getLong("count"), g.getCount());
      assertEquals(json("/v1/words/upd-http").getLong("version"), h.getLong("version"));
      assertEquals(server.grpc().sieve.stats(g.getSet()).await().getVersion(), g.getVersion());

      JsonArray values = new JsonArray();
      UpdateRequest.Builder numbers = UpdateRequest.newBuilder().setSet(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("updn-grpc"));
      for (int i = 0, n = random.nextInt(200); i < n; i++) {
        long base = random.nextBoolean() ? random.nextInt(5_000) : (1L << 32) + random.nextInt(5_000);
        touchedNumbers.add(base);
        if (random.nextInt(5) == 0) {
          long last = base + random.nextInt(300);
          values.add(base + "-" + last);
          numbers.addRanges(NumberRange.newBuilder().setFirst(base).setLast(last));
          touchedNumbers.add(last);
          touchedNumbers.add(last + 1);
        } else {
          values.add(base);
          numbers.addNumbers(base);
        }
      }
      hr = send("POST", "/v1/numbers/updn-http/" + op, "application/json", new JsonObject().put("numbers", values).encode());
      assertEquals(200, hr.status(), hr.body());
      h = new JsonObject(hr.body());
      g = (op.equals("add") ? server.grpc().sieve.add(numbers.build()) : server.grpc().sieve.remove(numbers.build())).await();
      assertEquals(h.getLong(changedField), g.getChanged(), "round " + round + " " + op);
      assertEquals(h.getLong("count"), g.getCount());
      assertEquals(h.getLong("cardinality"), g.getCount());
      assertEquals(server.grpc().sieve.stats(g.getSet()).await().getVersion(), g.getVersion());
    }

    assertEquals(json("/v1/words/upd-http").getLong("count"),
        server.grpc().sieve.stats(SetRef.newBuilder().setKind(Kind.WORDS).setName("upd-grpc").build()).await().getCount());
    List<String> probe = touchedWords.subList(0, Math.min(touchedWords.size(), 100_000));
    assertEquals(post("/v1/words/upd-http/contains", new JsonObject().put("words", new JsonArray(new ArrayList<>(probe))))
        .getJsonArray("present").getList(), bools(server.grpc().sieve.contains(ContainsRequest.newBuilder()
            .setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("upd-grpc")).addAllWords(probe).build()).await().getPresentList()));
    List<Long> numberProbe = touchedNumbers.subList(0, Math.min(touchedNumbers.size(), 100_000));
    assertEquals(post("/v1/numbers/updn-http/contains", new JsonObject().put("numbers", new JsonArray(new ArrayList<>(numberProbe))))
        .getJsonArray("present").getList(), bools(server.grpc().sieve.contains(ContainsRequest.newBuilder()
            .setSet(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("updn-grpc")).addAllNumbers(numberProbe).build()).await().getPresentList()));
    assertEquals(java.util.Arrays.toString(get("/v1/numbers/updn-http/export").raw().body()),
        java.util.Arrays.toString(GrpcApiTest.export(server, "updn-grpc")));
  }

  @Test
  void updateErrorsAgree() throws Exception {
    Answer missing = send("POST", "/v1/words/absent/add", "application/json", "{\"words\":[\"x\"]}");
    var grpcMissing = server.grpc().call(SieveGrpcClient.Add, UpdateRequest.newBuilder()
        .setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("absent")).addWords("x").build(), null);
    assertEquals(404, missing.status());
    assertEquals(GrpcStatus.NOT_FOUND, grpcMissing.status());
    assertEquals(new JsonObject(missing.body()).getString("error"), grpcMissing.message());

    Answer empty = send("POST", "/v1/words/en/add", "application/json", "{\"words\":[\"x\",\"\"]}");
    var grpcEmpty = server.grpc().call(SieveGrpcClient.Add, UpdateRequest.newBuilder()
        .setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("en")).addWords("x").addWords("").build(), null);
    assertEquals(400, empty.status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, grpcEmpty.status());
    assertEquals(new JsonObject(empty.body()).getString("error"), grpcEmpty.message());

    JsonArray many = new JsonArray();
    UpdateRequest.Builder grpcMany = UpdateRequest.newBuilder().setSet(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("primes"));
    for (int i = 0; i <= 100_000; i++) {
      many.add(i);
      grpcMany.addNumbers(i);
    }
    Answer tooMany = send("POST", "/v1/numbers/primes/remove", "application/json", new JsonObject().put("numbers", many).encode());
    var grpcTooMany = server.grpc().call(SieveGrpcClient.Remove, grpcMany.build(), null);
    assertEquals(413, tooMany.status());
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, grpcTooMany.status());
    assertEquals(new JsonObject(tooMany.body()).getString("error"), grpcTooMany.message());

    Answer badRange = send("POST", "/v1/numbers/primes/add", "application/json", "{\"numbers\":[\"9-8\"]}");
    var grpcBadRange = server.grpc().call(SieveGrpcClient.Add, UpdateRequest.newBuilder()
        .setSet(SetRef.newBuilder().setKind(Kind.NUMBERS).setName("primes")).addRanges(NumberRange.newBuilder().setFirst(9).setLast(8)).build(), null);
    assertEquals(400, badRange.status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, grpcBadRange.status());
    // the same reason; the element is named by its own field ("numbers[0]" in JSON, "ranges[0]" in gRPC)
    assertEquals(new JsonObject(badRange.body()).getString("error").replace("numbers[0]", "ranges[0]"), grpcBadRange.message());
  }
}
