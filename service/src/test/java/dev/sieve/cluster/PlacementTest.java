package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.registry.SetKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlacementTest {
  @Test
  void copiesOnDistinctMembersPrimariesSpread() {
    List<String> members = List.of("c", "a", "b", "d");
    for (int replicas = 1; replicas <= 6; replicas++) {
      List<List<String>> owners = Placement.place(members, 8, replicas);
      Map<String, Integer> primaries = new HashMap<>();
      for (List<String> o : owners) {
        assertEquals(Math.min(replicas, 4), o.size());
        assertEquals(o.size(), new HashSet<>(o).size(), "one copy per member");
        primaries.merge(o.get(0), 1, Integer::sum);
      }
      assertEquals(Map.of("a", 2, "b", 2, "c", 2, "d", 2), primaries);
    }
    // every node computes the same, whatever order it lists members in
    assertEquals(Placement.place(List.of("a", "b", "c", "d"), 5, 2), Placement.place(members, 5, 2));
    assertThrows(IllegalArgumentException.class, () -> Placement.place(List.of(), 1, 1));
  }

  @Test
  void keysFollowCodePointOrder() {
    List<String> sorted = List.of("", "a", "ab", "b", "é", "\uFFFF", "\uD83D\uDE00");
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = 0; j < sorted.size(); j++) {
        assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(Keys.compareWords(sorted.get(i), sorted.get(j))));
      }
    }
    assertEquals("b", Keys.prefixEnd("a"));
    assertEquals("ac", Keys.prefixEnd("ab"));
    assertEquals("\uE000", Keys.prefixEnd("\uD7FF"));
    assertEquals(null, Keys.prefixEnd(""));
  }

  @Test
  void quorumIsAMajorityOfTheExpectedMembers() {
    assertEquals(1, ClusterStart.quorum(new ClusterConfig(null, 5701, List.of(), null, 2, null, 0)));
    assertEquals(2, ClusterStart.quorum(new ClusterConfig(null, 5701, List.of("127.0.0.1:5701", "h:5701", "k:5701"), null, 2, null, 0)));
    assertEquals(2, ClusterStart.quorum(new ClusterConfig(null, 5701, List.of("h:5701", "k:5701"), null, 2, null, 0)));
    // the same list on every node, naming this one too: under its address, or a name of it
    assertEquals(2, ClusterStart.quorum(new ClusterConfig("127.0.0.1", 5701, List.of("localhost:5701", "h:5701", "k:5701"), null, 2, null, 0)));
    assertEquals(2, ClusterStart.quorum(new ClusterConfig("localhost", 5701, List.of("127.0.0.1:5701", "h:5701", "k:5701"), null, 2, null, 0)));
    // another port of this machine is another node
    assertEquals(3, ClusterStart.quorum(new ClusterConfig("127.0.0.1", 5701, List.of("127.0.0.1:5702", "127.0.0.1:5703", "127.0.0.1:5704"), null, 2, null, 0)));
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig(null, 5701, List.of("nohost"), null, 2, null, 0));
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig(null, 5701, List.of(), null, 0, null, 0));
    ClusterConfig secret = new ClusterConfig(null, 5701, List.of(), "sieve", 2, "s3cret", 0);
    assertEquals("sieve", new ClusterConfig(null, 5701, List.of(), "sieve", 2, null, 0).joinName());
    assertEquals(true, secret.joinName().startsWith("sieve-") && !secret.joinName().contains("s3cret"));
  }

  @Test
  void sparesAreLiveNonOwnersFromTheShardsOwnStart() {
    List<String> live = List.of("d", "b", "a", "c");
    assertEquals(List.of("c"), Placement.spares(live, List.of("b"), 1, 1), "from b's place on: b owns, c next");
    assertEquals(List.of("c", "d"), Placement.spares(live, List.of("a", "b"), 0, 2));
    assertEquals(List.of("a", "b"), Placement.spares(live, List.of("c", "d"), 2, 5), "no more than the live non-owners");
    assertEquals(List.of(), Placement.spares(live, List.of("a"), 3, 0));
    assertEquals(List.of(), Placement.spares(List.of("a"), List.of("a"), 0, 1));
    // neighbouring shards that lost the same member get their new copies on different members
    assertEquals(List.of("b"), Placement.spares(List.of("a", "b", "c"), List.of("a"), 0, 1));
    assertEquals(List.of("c"), Placement.spares(List.of("a", "b", "c"), List.of("b"), 1, 1));
  }

  @Test
  void aMemberThatJoinsTakesCopiesUntilTheBytesAreEven() {
    // after a death and the new copies: a and b hold every shard, d has joined with none
    List<ShardedSet> sets = new ArrayList<>(List.of(
        set("w", new long[] {100, 100, 100}, List.of(List.of("a", "b"), List.of("b", "a"), List.of("a", "b")))));
    List<String> live = List.of("a", "b", "d");
    int moves = settle(live, sets);
    assertEquals(2, moves);
    Map<String, Long> load = load(live, sets);
    assertEquals(Map.of("a", 200L, "b", 200L, "d", 200L), load);
    // the primaries stayed
    assertEquals(List.of("a", "b", "a"), sets.get(0).shards().stream().map(sh -> sh.owners().get(0)).toList());
    assertEquals(Optional.empty(), Placement.move(live, sets), "balanced: nothing more to move");
  }

  @Test
  void nothingMovesWithOneCopyOrWhenNoMoveHelps() {
    List<ShardedSet> one = List.of(set("w", new long[] {100, 100}, List.of(List.of("a"), List.of("a"))));
    assertEquals(Optional.empty(), Placement.move(List.of("a", "b"), one), "a primary's copy never moves");
    List<ShardedSet> big = List.of(set("w", new long[] {500}, List.of(List.of("a", "b"))));
    assertEquals(Optional.empty(), Placement.move(List.of("a", "b", "c"), big),
        "a copy as large as the gap would only swap the loads");
    List<ShardedSet> two = List.of(set("w", new long[] {499, 10}, List.of(List.of("a", "b"), List.of("a", "b"))));
    assertEquals(Optional.of(new Placement.Move(two.get(0), 0, "b", "c")), Placement.move(List.of("a", "b", "c"), two),
        "a copy smaller than the gap moves, from the most loaded member (b, after a by name) to the least");
    assertEquals(Optional.empty(), Placement.move(List.of("a"), one));
  }

  @Test
  void randomMapsSettleWithTheirPrimariesAndCopyCounts() {
    Random rnd = new Random(2026);
    for (int round = 0; round < 300; round++) {
      List<String> live = new ArrayList<>();
      int n = 1 + rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        live.add("m" + i);
      }
      List<ShardedSet> sets = new ArrayList<>();
      for (int k = rnd.nextInt(4); k >= 0; k--) {
        int shards = 1 + rnd.nextInt(6);
        long[] bytes = new long[shards];
        List<List<String>> owners = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
          bytes[i] = 1 + rnd.nextInt(1_000);
          List<String> o = new ArrayList<>(live.subList(0, Math.max(1, n - 1 - rnd.nextInt(Math.max(1, n - 1)))));
          java.util.Collections.shuffle(o, rnd);
          o = o.subList(0, 1 + rnd.nextInt(o.size()));
          if (rnd.nextInt(5) == 0) {
            o = new ArrayList<>(o);
            o.add("gone"); // an owner not live: it counts for no one
          }
          owners.add(List.copyOf(o));
        }
        sets.add(set("s" + k, bytes, owners));
      }
      List<List<String>> before = sets.stream().flatMap(s -> s.shards().stream()).map(ShardedSet.Shard::owners).toList();
      settle(live, sets);
      List<List<String>> after = sets.stream().flatMap(s -> s.shards().stream()).map(ShardedSet.Shard::owners).toList();
      for (int i = 0; i < before.size(); i++) {
        assertEquals(before.get(i).size(), after.get(i).size(), "copies of a shard");
        assertEquals(before.get(i).get(0), after.get(i).get(0), "its primary");
        assertEquals(after.get(i).size(), new HashSet<>(after.get(i)).size(), "one copy per member");
      }
    }
  }

  /** Applies {@link Placement#move} until it has nothing more; checks each move lowers the sum of squared loads. */
  private static int settle(List<String> live, List<ShardedSet> sets) {
    int moves = 0;
    for (Optional<Placement.Move> m = Placement.move(live, sets); m.isPresent(); m = Placement.move(live, sets)) {
      long before = squares(load(live, sets));
      Placement.Move mv = m.get();
      int at = sets.indexOf(mv.set());
      List<ShardedSet.Shard> shards = new ArrayList<>(mv.set().shards());
      ShardedSet.Shard sh = shards.get(mv.index());
      List<String> owners = new ArrayList<>(sh.owners());
      assertEquals(true, owners.indexOf(mv.from()) > 0 && !owners.contains(mv.to()) && live.contains(mv.to()), mv.toString());
      owners.remove(mv.from());
      owners.add(mv.to());
      shards.set(mv.index(), new ShardedSet.Shard(sh.index(), sh.from(), sh.to(), owners, sh.checksum(), sh.count(), sh.bytes()));
      sets.set(at, new ShardedSet(mv.set().kind(), mv.set().name(), mv.set().version(), null, shards));
      assertEquals(true, squares(load(live, sets)) < before, "a move evens the loads");
      assertEquals(true, ++moves < 10_000, "the moves end");
    }
    return moves;
  }

  private static Map<String, Long> load(List<String> live, List<ShardedSet> sets) {
    Map<String, Long> load = new HashMap<>();
    live.forEach(m -> load.put(m, 0L));
    for (ShardedSet s : sets) {
      for (ShardedSet.Shard sh : s.shards()) {
        sh.owners().forEach(o -> load.computeIfPresent(o, (k, v) -> v + sh.bytes()));
      }
    }
    return load;
  }

  private static long squares(Map<String, Long> load) {
    return load.values().stream().mapToLong(v -> v * v).sum();
  }

  private static ShardedSet set(String name, long[] bytes, List<List<String>> owners) {
    List<ShardedSet.Shard> shards = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      shards.add(new ShardedSet.Shard(i, "k" + i, null, owners.get(i), "0", 1, bytes[i]));
    }
    return new ShardedSet(SetKind.WORDS, name, 1, null, shards);
  }
}
