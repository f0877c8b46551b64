package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.registry.SetKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which copies on disk a recovery serves ({@link ShardRecovery#choose}, {@link
 * ShardRecovery#entry}): the highest version whole on the live members, of each shard the copies at
 * the highest (term, seq) only, at most {@code --replicas} of them, primaries spread; checked on
 * chosen cases and against a brute-force reading of the rule on random offers.
 */
class ShardRecoveryTest {

  private static ShardRecovery.Offer offer(String node, long version, int shards, int index, long term, long seq) {
    ShardFiles.Copy c = new ShardFiles.Copy(SetKind.WORDS, "w", version, null, shards,
        new ShardedSet.Shard(index, "k" + index, null, List.of(), "0", 10, 100), 0, 0);
    return new ShardRecovery.Offer(node, c, term, seq);
  }

  @Test
  void theNewestCopiesOfTheHighestWholeVersionAreChosen() {
    List<ShardRecovery.Offer> offers = List.of(
        // v2: whole (shards 0 and 1)
        offer("a", 2, 2, 0, 1, 5), offer("b", 2, 2, 0, 1, 7), offer("c", 2, 2, 0, 1, 7),
        offer("a", 2, 2, 1, 2, 1), offer("b", 2, 2, 1, 1, 9),
        // v3: shard 1 missing (its holders are away), so not whole
        offer("a", 3, 2, 0, 0, 0));
    List<ShardRecovery.Offer> chosen = ShardRecovery.choose(offers, 0, 2);
    // shard 0: b and c at (1, 7), a stale at (1, 5); shard 1: a's term 2 beats b's higher seq in term 1
    assertEquals(List.of("b", "c", "a"), chosen.stream().map(ShardRecovery.Offer::node).toList());
    ShardedSet e = ShardRecovery.entry(chosen);
    assertEquals(2, e.version());
    assertEquals(List.of("b", "c"), e.shards().get(0).owners());
    assertEquals(List.of("a"), e.shards().get(1).owners());
    assertEquals(2, e.shards().get(0).term(), "a term above every chosen copy's");
    assertEquals(3, e.shards().get(1).term());
  }

  @Test
  void nothingIsChosenAtOrBelowTheMapsVersionOrWithoutEveryShard() {
    List<ShardRecovery.Offer> offers = List.of(offer("a", 2, 2, 0, 0, 0), offer("b", 2, 2, 0, 0, 0),
        offer("a", 5, 3, 0, 0, 0), offer("a", 5, 3, 2, 0, 0));
    assertEquals(List.of(), ShardRecovery.choose(offers, 2, 2), "v2 is the map's; v5 lacks shard 1");
    assertEquals(List.of(), ShardRecovery.choose(List.of(), 0, 2));
  }

  @Test
  void atMostReplicasCopiesOfAShardAndPrimariesSpread() {
    List<ShardRecovery.Offer> offers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (String n : List.of("a", "b", "c")) {
        offers.add(offer(n, 1, 3, i, 0, 0)); // a set never updated: every copy as new as the others
      }
    }
    ShardedSet e = ShardRecovery.entry(ShardRecovery.choose(offers, 0, 2));
    Set<String> primaries = new TreeSet<>();
    for (ShardedSet.Shard sh : e.shards()) {
      assertEquals(2, sh.owners().size());
      primaries.add(sh.owners().get(0));
    }
    assertEquals(Set.of("a", "b", "c"), primaries);
  }

  @Test
  void randomOffersFollowTheRule() {
    Random r = new Random(12);
    for (int round = 0; round < 500; round++) {
      List<ShardRecovery.Offer> offers = new ArrayList<>();
      Map<Long, Integer> shardsOf = new HashMap<>();
      for (int k = r.nextInt(12); k > 0; k--) {
        long v = 1 + r.nextInt(3);
        int shards = shardsOf.computeIfAbsent(v, x -> 1 + r.nextInt(3));
        offers.add(offer("n" + r.nextInt(4), v, shards, r.nextInt(shards), r.nextInt(2), r.nextInt(3)));
      }
      offers = new ArrayList<>(offers.stream().collect(java.util.stream.Collectors.toMap(
          o -> o.node() + "/" + o.copy().key(), o -> o, (x, y) -> x)).values()); // a node holds one copy of a shard
      long above = r.nextInt(2);
      int replicas = 1 + r.nextInt(3);
      List<ShardRecovery.Offer> chosen = ShardRecovery.choose(offers, above, replicas);

      // the brute-force reading: the highest version above `above` with every shard offered
      long want = -1;
      for (long v = 3; v > above && want < 0; v--) {
        long version = v;
        List<ShardRecovery.Offer> of = offers.stream().filter(o -> o.copy().version() == version).toList();
        if (!of.isEmpty() && of.stream().map(o -> o.copy().shard().index()).distinct().count() == of.get(0).copy().shards()) {
          want = v;
        }
      }
      if (want < 0) {
        assertEquals(List.of(), chosen);
        continue;
      }
      long version = want;
      assertTrue(chosen.stream().allMatch(o -> o.copy().version() == version));
      ShardedSet e = ShardRecovery.entry(chosen);
      assertEquals(offers.stream().filter(o -> o.copy().version() == version).findFirst().orElseThrow().copy().shards(),
          e.shards().size());
      for (ShardedSet.Shard sh : e.shards()) {
        Comparator<ShardRecovery.Offer> position = Comparator.comparingLong(ShardRecovery.Offer::term)
            .thenComparingLong(ShardRecovery.Offer::seq);
        List<ShardRecovery.Offer> ofShard = offers.stream()
            .filter(o -> o.copy().version() == version && o.copy().shard().index() == sh.index()).toList();
        ShardRecovery.Offer best = ofShard.stream().max(position).orElseThrow();
        Set<String> newest = new TreeSet<>(ofShard.stream().filter(o -> position.compare(o, best) == 0)
            .map(ShardRecovery.Offer::node).toList());
        assertEquals(Math.min(replicas, newest.size()), sh.owners().size(), "owners " + sh.owners() + " of " + newest);
        assertTrue(newest.containsAll(sh.owners()), "only the newest copies: " + sh.owners() + " of " + newest);
        assertEquals(best.term() + 1, sh.term());
      }
    }
  }
}
