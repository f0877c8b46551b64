package dev.sieve.cluster;

import dev.sieve.testing.HttpTestClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;

/** What the multi-JVM cluster tests wait for, read from a node's {@code GET /v1/cluster}. */
final class ClusterWait {
  private ClusterWait() {}

  /** Waits (up to 60 s) until node {@code h} sees {@code count} live members. */
  static void awaitMembers(HttpTestClient h, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long seen = -1;
    while (System.nanoTime() < deadline) {
      seen = h.json("/v1/cluster").getJsonArray("members").stream().filter(m -> ((JsonObject) m).getBoolean("alive")).count();
      if (seen == count) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(h.base + ": expected " + count + " live members, saw " + seen);
  }

  /** Waits (up to 60 s) until node {@code h}'s map names {@code copies} owners for every shard of every set. */
  static void awaitCopies(HttpTestClient h, int copies) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    JsonObject state = null;
    while (System.nanoTime() < deadline) {
      state = h.json("/v1/cluster");
      boolean all = true;
      for (Object set : state.getJsonArray("sets")) {
        for (Object shard : ((JsonObject) set).getJsonArray("shards")) {
          all &= ((JsonObject) shard).getJsonArray("owners").size() == copies;
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(h.base + ": not every shard has " + copies + " copies after 60 s: " + state);
  }

  /** A check that throws {@link AssertionError} until the cluster settles. */
  interface Check {
    void run() throws Exception;
  }

  /**
   * Runs {@code check} until it passes, for up to 60 s (every 500 ms): a read may still be retried
   * while a merge or moves settle, but none may stay wrong. The last failure is thrown.
   */
  static void awaitSettled(Check check) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  /** A free TCP port of 127.0.0.1 (for a node's cluster port). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
