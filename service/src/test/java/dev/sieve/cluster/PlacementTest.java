package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
}
