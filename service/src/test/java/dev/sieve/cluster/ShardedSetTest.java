package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.registry.SetKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A shard map entry's revisions: two owners' rewrites of one version (two primaries each adding a
 * new copy of their shard after a member died) reach a node in any order, by the map's listener,
 * by its own write and by a read of the map; the node must end up holding the last one written,
 * or it keeps routing to (and reporting) owners the map no longer has.
 */
class ShardedSetTest {
  private static final String A = "node-a";
  private static final String B = "node-b";
  private static final String C = "node-c";

  private static ShardedSet loaded() {
    return new ShardedSet(SetKind.WORDS, "w", 7, null, List.of(
        new ShardedSet.Shard(0, "", "m", List.of(A, C), "00000001", 10, 100),
        new ShardedSet.Shard(1, "m", null, List.of(C, B), "00000002", 12, 120)));
  }

  private static ShardedSet withOwners(ShardedSet s, int index, List<String> owners) {
    List<ShardedSet.Shard> shards = new ArrayList<>(s.shards());
    shards.set(index, shards.get(index).withOwners(owners));
    return s.withShards(shards);
  }

  @Test
  void anEntryOfRevisionZeroReadsBackToTheSameTextAndLaterRevisionsKeepTheirs() {
    ShardedSet s = loaded();
    assertFalse(s.toJson().contains("\"rev\""), "a load's entry reads as an older build wrote it: " + s.toJson());
    assertEquals(s.toJson(), ShardedSet.of(s.toJson()).toJson(), "the map's compare-and-set compares the text");
    ShardedSet next = withOwners(s, 0, List.of(A, B));
    assertEquals(1, next.rev());
    assertEquals(7, next.version());
    assertEquals(next, ShardedSet.of(next.toJson()));
    assertEquals(next.toJson(), ShardedSet.of(next.toJson()).toJson());
  }

  @Test
  void theLastRewriteOfAVersionWinsInWhateverOrderItIsHeard() {
    Random random = new Random(15);
    for (int round = 0; round < 200; round++) {
      // the map's history of one set: a load, rewrites, sometimes a new version, more rewrites
      List<ShardedSet> history = new ArrayList<>();
      ShardedSet s = loaded();
      history.add(s);
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        s = random.nextInt(5) == 0
            ? new ShardedSet(s.kind(), s.name(), s.version() + 1, null, s.shards())
            : withOwners(s, random.nextInt(2), random.nextBoolean() ? List.of(A, B) : List.of(B, C, A));
        history.add(s);
      }
      List<ShardedSet> heard = new ArrayList<>(history);
      Collections.shuffle(heard, random);
      ShardedSet held = heard.get(0);
      for (ShardedSet h : heard.subList(1, heard.size())) {
        held = ShardMapStore.newer(held, h);
      }
      assertSame(s, held, "heard in the order " + heard);
    }
  }

  @Test
  void aNewVersionIsNewerThanAnyRevisionOfTheOldOne() {
    ShardedSet rewritten = withOwners(withOwners(loaded(), 0, List.of(A, B)), 1, List.of(C, A));
    ShardedSet reloaded = new ShardedSet(SetKind.WORDS, "w", 8, null, loaded().shards());
    assertTrue(reloaded.atLeastAsNewAs(rewritten));
    assertFalse(rewritten.atLeastAsNewAs(reloaded));
    assertSame(reloaded, ShardMapStore.newer(rewritten, reloaded));
    assertSame(reloaded, ShardMapStore.newer(reloaded, rewritten));
  }
}
