package dev.sieve.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the copies of each shard go: shard {@code i} of {@code n} members (sorted by id, so every
 * node computes the same) on members {@code i, i+1, ..., i+r-1} mod {@code n}, its primary first.
 * Neighbouring shards start on different members, so the primaries and the read load spread.
 */
public final class Placement {
  private Placement() {}

  /** The owners of each of {@code shards} shards over {@code members} ({@code replicas} copies each, at most one per member). */
  public static List<List<String>> place(List<String> members, int shards, int replicas) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no members to place shards on");
    }
    List<String> sorted = members.stream().sorted().distinct().toList();
    int copies = Math.min(replicas, sorted.size());
    List<List<String>> out = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      List<String> owners = new ArrayList<>(copies);
      for (int j = 0; j < copies; j++) {
        owners.add(sorted.get((i + j) % sorted.size()));
      }
      out.add(List.copyOf(owners));
    }
    return out;
  }

  /**
   * Up to {@code count} live members to take new copies of shard {@code index}, which {@code
   * owners} hold: those not among its owners, in the order {@link #place} would walk them from
   * the shard's own start ({@code index} mod the live members), so the new copies of neighbouring
   * shards land on different members.
   */
  public static List<String> spares(List<String> live, List<String> owners, int index, int count) {
    List<String> sorted = live.stream().sorted().distinct().toList();
    List<String> out = new ArrayList<>();
    for (int j = 0; j < sorted.size() && out.size() < count; j++) {
      String m = sorted.get((index + j) % sorted.size());
      if (!owners.contains(m)) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }
}
