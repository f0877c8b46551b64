package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.Tmpfs;
import dev.sieve.testing.ChildServer;
import dev.sieve.testing.HttpTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster node whose data directory's disk fills up: an update its shard journal cannot take is
 * refused at once with the single node's 507 ({@code no_space}), not retried as a node that does
 * not answer (it was a 503 after 9 s), and changes nothing; once there is room, updates are taken
 * again. One node started alone (its own quorum), on a small tmpfs.
 */
class ClusterDiskFullTest {
  @Test
  void anUpdateTheShardJournalCannotTakeIs507AndChangesNothing(@TempDir Path tmp) throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), "size=24m")) {
      int clusterPort;
      try (ServerSocket s = new ServerSocket(0)) {
        clusterPort = s.getLocalPort();
      }
      try (ChildServer node = ChildServer.start(List.of("-Xmx256m"), Map.of(), "--port", "0", "--no-demo",
          "--data-dir", disk.dir.resolve("data").toString(), "--cluster", "--cluster-port", Integer.toString(clusterPort),
          "--cluster-name", "full-" + ProcessHandle.current().pid(), "--cluster-token", "t")) {
        node.awaitPort();
        HttpTestClient h = node.http();
        h.awaitReady();
        assertEquals(200, h.put("/v1/words/w", "alpha\nbeta\n").status());
        // the disk full but for what the journal already holds ahead of its records
        Path filler = disk.fill("filler");
        HttpTestClient.Answer refused = null;
        int acknowledged = 0;
        for (int i = 0; i < 60 && refused == null; i++) {
          JsonArray words = new JsonArray();
          for (int j = 0; j < 20_000; j++) {
            words.add("batch" + i + "-word" + j);
          }
          HttpTestClient.Answer a = h.post("/v1/words/w/add", new JsonObject().put("words", words));
          if (a.status() == 200) {
            acknowledged++;
          } else {
            refused = a;
            assertEquals(507, a.status(), a.body());
            JsonObject error = a.json();
            assertEquals("no_space", error.getString("code"), a.body());
            assertTrue(error.getString("error").startsWith("no space left on device writing an update of set w"), a.body());
            assertFalse(present(h, "batch" + i + "-word0"), "a refused update changes nothing");
          }
        }
        assertTrue(refused != null, "the journal never filled the disk");
        assertEquals(2 + 20_000L * acknowledged, h.json("/v1/words/w").getLong("count"), "every acknowledged update serves");
        assertTrue(present(h, "alpha"));

        Files.delete(filler);
        HttpTestClient.Answer again = h.post("/v1/words/w/add", new JsonObject().put("words", new JsonArray().add("room")));
        assertEquals(200, again.status(), again.body());
        assertTrue(present(h, "room"));
      }
    }
  }

  private static boolean present(HttpTestClient h, String word) {
    return h.json("/v1/words/w/contains?word=" + word).getBoolean("present");
  }
}
