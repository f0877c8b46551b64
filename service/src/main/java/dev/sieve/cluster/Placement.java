package dev.sieve.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /** One copy of shard {@code index} of {@code set} to move from member {@code from} onto member {@code to}. */
  public record Move(ShardedSet set, int index, String from, String to) {}

  /**
   * The next copy to move so that the copies' bytes spread more evenly over {@code live}
   * members (a member that joined holds none): from the most loaded member that has a movable
   * copy onto the least loaded member that has none of that shard, the copy whose move brings
   * the two closest. A copy is movable if its member is not the shard's primary (the primary
   * orders the shard's updates and makes the move) and its bytes are less than the two loads'
   * difference, so every move lowers the sum of the squared loads and a run of moves ends.
   * Empty once no move helps. Pure: every node computes the same from the same map.
   */
  public static Optional<Move> move(List<String> live, Collection<ShardedSet> sets) {
    Map<String, Long> load = new HashMap<>();
    live.forEach(m -> load.put(m, 0L));
    for (ShardedSet s : sets) {
      for (ShardedSet.Shard sh : s.shards()) {
        for (String o : sh.owners()) {
          load.computeIfPresent(o, (k, v) -> v + sh.bytes());
        }
      }
    }
    Comparator<String> byLoad = Comparator.<String>comparingLong(load::get).thenComparing(Comparator.naturalOrder());
    List<String> ascending = load.keySet().stream().sorted(byLoad).toList();
    List<ShardedSet> ordered = sets.stream().sorted(Comparator.comparing(s -> ShardedSet.key(s.kind(), s.name()))).toList();
    for (int f = ascending.size() - 1; f > 0; f--) {
      String from = ascending.get(f);
      for (int t = 0; t < f; t++) {
        String to = ascending.get(t);
        long gap = load.get(from) - load.get(to);
        Move best = null;
        long bestMiss = Long.MAX_VALUE;
        for (ShardedSet s : ordered) {
          for (ShardedSet.Shard sh : s.shards()) {
            List<String> o = sh.owners();
            if (o.size() > 1 && o.indexOf(from) > 0 && !o.contains(to) && sh.bytes() > 0 && sh.bytes() < gap
                && Math.abs(gap - 2 * sh.bytes()) < bestMiss) {
              best = new Move(s, sh.index(), from, to);
              bestMiss = Math.abs(gap - 2 * sh.bytes());
            }
          }
        }
        if (best != null) {
          return Optional.of(best);
        }
      }
    }
    return Optional.empty();
  }
}
