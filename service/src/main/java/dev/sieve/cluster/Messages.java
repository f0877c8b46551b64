package dev.sieve.cluster;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * The event-bus addresses and headers of Sieve's node-to-node traffic, and the token check on it:
 * every message carries {@code sieve-token} (the digest of {@code --cluster-token}), and a
 * consumer refuses one without the right digest (403).
 */
final class Messages {
  /** Per node: shards shipped to it ({@code sieve.node/<id>/store}). */
  static String store(String nodeId) {
    return "sieve.node/" + nodeId + "/store";
  }

  /** Per node: a new entry of the shard map (or a removal), sent by the node that wrote it before its answer. */
  static String install(String nodeId) {
    return "sieve.node/" + nodeId + "/install";
  }

  /** Per node: parts of updates of the shards it is primary of ({@link ShardUpdates}). */
  static String update(String nodeId) {
    return "sieve.node/" + nodeId + "/update";
  }

  /** Per node: parts of updates its shards' primaries applied, for its copies. */
  static String replicate(String nodeId) {
    return "sieve.node/" + nodeId + "/replicate";
  }

  /** Per node: shards it is primary of to copy onto another member, which lost a copy ({@link ShardUpdates#recopy}). */
  static String recopy(String nodeId) {
    return "sieve.node/" + nodeId + "/recopy";
  }

  /** Per node: copies of shards it is primary of to move from one member onto another ({@link ShardUpdates#move}). */
  static String move(String nodeId) {
    return "sieve.node/" + nodeId + "/move";
  }

  /** Per node: the parts a staged copy missed while it was shipped; then it is served ({@link ShardUpdates#newCopy}). */
  static String unstage(String nodeId) {
    return "sieve.node/" + nodeId + "/unstage";
  }

  /** Per node: a copy it holds that is no longer its own (moved to another member, or stored and then not taken). */
  static String drop(String nodeId) {
    return "sieve.node/" + nodeId + "/drop";
  }

  /** Per node: a copy on its disk to serve again, chosen by a recovery ({@link ShardRecovery}). */
  static String restore(String nodeId) {
    return "sieve.node/" + nodeId + "/restore";
  }

  /** Per node: a member's question "do you still count me a member?", its lease's renewal ({@link PrimaryLease}). */
  static String lease(String nodeId) {
    return "sieve.node/" + nodeId + "/lease";
  }

  /** Published to every node when a load fails: drop the shards of its version. */
  static final String ABORT = "sieve.abort";

  static final String TOKEN = "sieve-token";

  private final String digest;

  Messages(String token) {
    this.digest = token == null ? "" : ClusterConfig.digest("sieve-bus:" + token);
  }

  /** Options carrying the token, with a timeout. */
  DeliveryOptions options(long timeoutMillis) {
    return new DeliveryOptions().setSendTimeout(timeoutMillis).addHeader(TOKEN, digest);
  }

  boolean trusted(Message<?> m) {
    String got = m.headers().get(TOKEN);
    return got != null && MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), digest.getBytes(StandardCharsets.UTF_8));
  }
}
