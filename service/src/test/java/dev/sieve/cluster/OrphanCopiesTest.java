package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.registry.SetKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OrphanCopies}: only a copy of the map's own version that stays unnamed past the grace is dropped. */
class OrphanCopiesTest {
  private static final String ME = "me";
  private static final long GRACE = OrphanCopies.GRACE_MILLIS;
  private final Map<String, ShardedSet> map = new HashMap<>();
  private final OrphanCopies orphans = new OrphanCopies();

  private static ShardedSet entry(String name, long version, List<String> owners0, List<String> owners1) {
    return new ShardedSet(SetKind.WORDS, name, version, null, List.of(
        new ShardedSet.Shard(0, "", "m", owners0, "c0", 1, 10),
        new ShardedSet.Shard(1, "m", null, owners1, "c1", 1, 10)));
  }

  private static OrphanCopies.Copy copy(String name, long version, int index) {
    return new OrphanCopies.Copy(ShardReplica.address(SetKind.WORDS, name, version, index), ShardedSet.key(SetKind.WORDS, name),
        version, index);
  }

  private List<String> sweep(long now, OrphanCopies.Copy... held) {
    return orphans.sweep(List.of(held), map::get, ME, now);
  }

  @Test
  void aCopyUnnamedPastTheGraceIsDroppedAndNotBefore() {
    map.put(ShardedSet.key(SetKind.WORDS, "w"), entry("w", 5, List.of("a", ME), List.of("a", "b")));
    OrphanCopies.Copy named = copy("w", 5, 0);
    OrphanCopies.Copy unnamed = copy("w", 5, 1);
    assertEquals(List.of(), sweep(1_000, named, unnamed));
    assertEquals(List.of(), sweep(1_000 + GRACE - 1, named, unnamed));
    assertEquals(List.of(unnamed.address()), sweep(1_000 + GRACE, named, unnamed));
    assertEquals(0, orphans.timed());
  }

  @Test
  void aCopyNamedAgainWithinTheGraceIsTimedAnew() {
    String key = ShardedSet.key(SetKind.WORDS, "w");
    map.put(key, entry("w", 5, List.of("a"), List.of("a")));
    OrphanCopies.Copy c = copy("w", 5, 0);
    assertEquals(List.of(), sweep(0, c));
    map.put(key, entry("w", 5, List.of("a", ME), List.of("a"))); // the rewrite that names it came
    assertEquals(List.of(), sweep(GRACE / 2, c));
    map.put(key, entry("w", 5, List.of("a"), List.of("a"))); // moved away again: timed from now
    assertEquals(List.of(), sweep(GRACE, c));
    assertEquals(List.of(), sweep(GRACE + GRACE - 1, c));
    assertEquals(List.of(c.address()), sweep(2 * GRACE, c));
  }

  @Test
  void copiesOfAnotherVersionOrOfASetTheMapLacksAreLeftAlone() {
    map.put(ShardedSet.key(SetKind.WORDS, "w"), entry("w", 5, List.of("a"), List.of("a")));
    OrphanCopies.Copy loading = copy("w", 6, 0); // a load still shipping its shards
    OrphanCopies.Copy replaced = copy("w", 4, 0); // dropped when the node hears of the new entry
    OrphanCopies.Copy recovering = copy("r", 2, 0); // a recovery's, before its entry is written
    assertEquals(List.of(), sweep(0, loading, replaced, recovering));
    assertEquals(List.of(), sweep(10 * GRACE, loading, replaced, recovering));
    assertEquals(0, orphans.timed());
  }

  @Test
  void aCopyDroppedMeanwhileIsForgotten() {
    map.put(ShardedSet.key(SetKind.WORDS, "w"), entry("w", 5, List.of("a"), List.of("a")));
    OrphanCopies.Copy c = copy("w", 5, 0);
    sweep(0, c);
    assertEquals(1, orphans.timed());
    assertEquals(List.of(), sweep(1));
    assertEquals(0, orphans.timed());
    assertEquals(List.of(), sweep(GRACE, c), "held again: timed anew");
  }
}
