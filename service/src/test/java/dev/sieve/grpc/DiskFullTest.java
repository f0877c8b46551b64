package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.sieve.ServiceConfig;
import dev.sieve.Tmpfs;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory on a small tmpfs that fills up: loads and updates answer 507 (gRPC
 * RESOURCE_EXHAUSTED) naming what could not be written, the previous version keeps serving, no
 * temporary file stays, nothing refused is applied, loads work again once space is freed, and a
 * restart brings back every acknowledged set.
 *
 * <p>The tmpfs is 16 MiB: the journal preallocates nothing, so the snapshots fill it.
 */
class DiskFullTest {
  private static final String DISK = "size=16m";
  private static Answer send(int port, String method, String path, String body) {
    return new HttpTestClient(port).send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
  }

  /** 300,000 random naturals below 2^31: a snapshot of about 850 KB. */
  private static String numbers(long seed) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 300_000; i++) {
      out.append(random.nextInt(Integer.MAX_VALUE)).append('\n');
    }
    return out.toString();
  }

  private static String words(String prefix, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(prefix).append(i).append('\n');
    }
    return out.toString();
  }

  private static List<String> temporaryFiles(Path data) throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".tmp")).toList();
    }
  }

  @Test
  void aFullDiskIs507AndThePreviousVersionServes(@TempDir Path tmp) throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), DISK)) {
      Path data = disk.dir.resolve("data");
      ServiceConfig config = ServiceConfig.forTests(0).withDataDir(data);
      Map<String, Long> stored = new LinkedHashMap<>();
      String refusedName = null;
      Path filler = disk.dir.resolve("filler");
      try (SieveServerExtension server = new SieveServerExtension(config)) {
        int port = server.port();
        assertEquals(200, send(port, "PUT", "/v1/words/en", "alpha\nbeta\n").status());
        // number sets until the disk is full
        Answer full = null;
        for (int i = 0; i < 40 && full == null; i++) {
          Answer r = send(port, "PUT", "/v1/numbers/fill-" + i, numbers(i));
          if (r.status() == 200) {
            stored.put("fill-" + i, new JsonObject(r.body()).getLong("cardinality"));
          } else {
            full = r;
            refusedName = "fill-" + i;
            assertEquals(507, r.status(), r.body());
            assertEquals("no space left on device writing the snapshot of numbers/fill-" + i,
                new JsonObject(r.body()).getString("error"));
            assertEquals(404, send(port, "GET", "/v1/numbers/fill-" + i, null).status());
          }
        }
        assertTrue(full != null, "the disk never filled up");
        assertTrue(stored.size() >= 2, stored.toString());
        assertEquals(List.of(), temporaryFiles(data), "a refused snapshot leaves no temporary file");
        // the last bytes too, so that even a small set cannot be written
        disk.fill(filler.getFileName().toString());
        Answer r = send(port, "PUT", "/v1/words/en", words("gamma", 1000));
        assertEquals(507, r.status(), r.body());
        assertEquals("{\"error\":\"no space left on device writing the snapshot of words/en\",\"code\":\"no_space\"}", r.body());
        assertEquals("{\"word\":\"alpha\",\"present\":true}", send(port, "GET", "/v1/words/en/contains?word=alpha", null).body());
        assertEquals(2, new JsonObject(send(port, "GET", "/v1/words/en", null).body()).getLong("count"));
        // the same over gRPC
        var refused = server.grpc().stream(SieveGrpcClient.LoadWords, List.of(LoadChunk.newBuilder().setName("en")
            .setLines(ByteString.copyFrom(words("delta", 1000), StandardCharsets.UTF_8)).build()).iterator(), null);
        assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, refused.status(), refused.message());
        assertEquals("no space left on device writing the snapshot of words/en", refused.message());
        assertEquals(2, new JsonObject(send(port, "GET", "/v1/words/en", null).body()).getLong("count"));
        assertEquals(List.of(), temporaryFiles(data));
        // updates until the journal cannot grow: the refused one is a 507 naming the journal record
        // and changes nothing; every one acknowledged before it serves
        Answer refusedUpdate = null;
        int acknowledged = 0;
        for (int i = 0; i < 200 && refusedUpdate == null; i++) {
          Answer u = send(port, "POST", "/v1/words/en/add", words("update" + i + "-", 500));
          if (u.status() == 200) {
            acknowledged++;
          } else {
            refusedUpdate = u;
            assertEquals(507, u.status(), u.body());
            assertEquals("{\"error\":\"no space left on device writing the journal record of an update of words/en\",\"code\":\"no_space\"}", u.body());
            assertEquals("{\"word\":\"update" + i + "-0\",\"present\":false}",
                send(port, "GET", "/v1/words/en/contains?word=update" + i + "-0", null).body());
          }
        }
        assertTrue(refusedUpdate != null, "the journal never filled the disk");
        assertEquals(2 + 500L * acknowledged, new JsonObject(send(port, "GET", "/v1/words/en", null).body()).getLong("count"));

        // space freed: loads work again
        Files.delete(filler);
        assertEquals(200, send(port, "POST", "/v1/words/en/add", "omega\n").status());
        String first = stored.keySet().iterator().next();
        stored.remove(first);
        assertEquals(204, send(port, "DELETE", "/v1/numbers/" + first, null).status());
        r = send(port, "PUT", "/v1/words/en", words("gamma", 1000));
        assertEquals(200, r.status(), r.body());
        assertEquals(200, send(port, "POST", "/v1/words/en/add", "omega\n").status());
      }
      // every acknowledged set is back after a restart, and nothing refused is
      try (SieveServerExtension server = new SieveServerExtension(config)) {
        int port = server.port();
        assertEquals(1001, new JsonObject(send(port, "GET", "/v1/words/en", null).body()).getLong("count"));
        assertEquals("{\"word\":\"omega\",\"present\":true}", send(port, "GET", "/v1/words/en/contains?word=omega", null).body());
        for (Map.Entry<String, Long> set : stored.entrySet()) {
          assertEquals(set.getValue(), new JsonObject(send(port, "GET", "/v1/numbers/" + set.getKey(), null).body())
              .getLong("cardinality"), set.getKey());
        }
        assertEquals(404, send(port, "GET", "/v1/numbers/" + refusedName, null).status());
      }
    }
  }
}
