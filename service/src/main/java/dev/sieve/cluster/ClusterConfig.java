package dev.sieve.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How a node joins a Sieve cluster ({@code --cluster} and the flags after it).
 *
 * @param host the address Hazelcast and the event bus bind to and advertise
 * @param port the Hazelcast member port (no auto-increment: a taken port fails the start)
 * @param members the {@code host:port} of other members to join by TCP-IP (empty: this node starts a cluster)
 * @param name the Hazelcast cluster name (nodes of different names never join)
 * @param replicas copies of every shard, at least 1 (fewer live nodes: every node holds every shard)
 * @param token the shared secret of node-to-node traffic, or null for none
 * @param busPort the event bus's TCP port (0: a free one)
 */
public record ClusterConfig(String host, int port, List<String> members, String name, int replicas, String token,
    int busPort) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;
  public static final String DEFAULT_NAME = "sieve";
  public static final int DEFAULT_REPLICAS = 2;
  public static final int DEFAULT_BUS_PORT = 0;

  public ClusterConfig {
    if (host == null || host.isBlank()) {
      host = DEFAULT_HOST;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--cluster-port must be 1..65535: " + port);
    }
    if (busPort < 0 || busPort > 65535) {
      throw new IllegalArgumentException("--cluster-bus-port must be 0..65535: " + busPort);
    }
    if (name == null || name.isBlank()) {
      name = DEFAULT_NAME;
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("--replicas must be at least 1: " + replicas);
    }
    if (token != null && token.isEmpty()) {
      token = null;
    }
    members = List.copyOf(members == null ? List.of() : members);
    for (String m : members) {
      int colon = m.lastIndexOf(':');
      if (colon <= 0 || colon == m.length() - 1 || !m.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("--cluster-members: expected host:port, got: " + m);
      }
    }
  }

  /** The members of a comma-separated list ({@code a:5701,b:5701}), blanks dropped. */
  public static List<String> parseMembers(String list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (String m : list.split(",")) {
        if (!m.isBlank()) {
          out.add(m.trim());
        }
      }
    }
    return out;
  }

  /**
   * The name Hazelcast joins under: {@link #name}, and with a token a digest of it too, so that a
   * node without the same token is refused at join (Hazelcast compares cluster names). The open
   * source edition has no member authentication: the digest travels in the clear, it keeps out
   * mistakes and strangers, not an eavesdropper (see docs/CLUSTER.md).
   */
  public String joinName() {
    return token == null ? name : name + "-" + digest(token).substring(0, 16);
  }

  static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
