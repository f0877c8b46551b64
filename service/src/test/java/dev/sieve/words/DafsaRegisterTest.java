package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Dafsa}'s register against a {@code HashMap} of whole nodes: interning a node equal to
 * one interned before gives that node's id, any other node a new id, whatever the node's shape
 * (no arcs, the one-arc nodes keyed exactly, up to 256 arcs keyed by a hash) and however many
 * nodes share a key's parts (same label and target but another final flag, same labels but
 * other targets). Nodes are drawn from a small pool so that most interns are hits, as in a real
 * build, and the table grows through many rehashes (with pages of 2^6 entries, its slots cross
 * many table pages: the register is paged as the nodes are).
 */
class DafsaRegisterTest {

  private record Node(boolean fin, List<Integer> labels, List<Integer> targets) {}

  @ParameterizedTest
  @ValueSource(ints = {6, 20})
  void internGivesTheIdOfAnEqualNodeAndANewIdOtherwise(int pageBits) {
    Random rnd = new Random(4242 + pageBits);
    Dafsa d = new Dafsa(pageBits);
    Map<Node, Integer> oracle = new HashMap<>();
    List<Node> interned = new ArrayList<>();
    int leaf = d.intern(true, new byte[0], new int[0], 0);
    Node leafNode = new Node(true, List.of(), List.of());
    oracle.put(leafNode, leaf);
    interned.add(leafNode);
    for (int i = 0; i < 60_000; i++) {
      Node n;
      if (!interned.isEmpty() && rnd.nextInt(3) == 0) {
        n = interned.get(rnd.nextInt(interned.size())); // a hit
      } else {
        n = randomNode(rnd, d.nodeCount);
      }
      byte[] labels = new byte[n.labels().size()];
      int[] targets = new int[labels.length];
      for (int j = 0; j < labels.length; j++) {
        labels[j] = (byte) (int) n.labels().get(j);
        targets[j] = n.targets().get(j);
      }
      int before = d.nodeCount;
      int id = d.intern(n.fin(), labels, targets, labels.length);
      Integer known = oracle.get(n);
      if (known != null) {
        assertEquals((int) known, id, "an equal node interned before: " + n);
        assertEquals(before, d.nodeCount);
      } else {
        assertEquals(before, id, "a new node gets the next id: " + n);
        oracle.put(n, id);
        interned.add(n);
      }
      assertEquals(n.fin(), d.isFinal(id));
      assertEquals(labels.length, d.arcsOf(id));
      for (int j = 0; j < labels.length; j++) {
        assertEquals(labels[j], d.arcLabel(d.firstArc(id) + j));
        assertEquals(targets[j], d.arcTarget(d.firstArc(id) + j));
      }
    }
    assertEquals(oracle.size(), d.nodeCount);
  }

  /** A node over existing ids, often a near twin of another: few labels and targets to choose from. */
  private static Node randomNode(Random rnd, int nodes) {
    int shape = rnd.nextInt(10);
    int n = shape < 1 ? 0 : shape < 7 ? 1 : shape < 9 ? 2 + rnd.nextInt(3) : rnd.nextBoolean() ? 256 : 2 + rnd.nextInt(254);
    if (n == 0) {
      return new Node(rnd.nextBoolean(), List.of(), List.of());
    }
    int[] labels = n == 256 ? new int[256] : rnd.ints(0, n > 4 ? 256 : 4).distinct().limit(n).sorted().toArray();
    if (n == 256) {
      Arrays.setAll(labels, j -> j);
    }
    List<Integer> ls = new ArrayList<>();
    List<Integer> ts = new ArrayList<>();
    int span = Math.min(nodes, 8);
    for (int label : labels) {
      ls.add(label);
      ts.add(nodes - 1 - rnd.nextInt(span)); // mostly the newest nodes: twins share them
    }
    return new Node(rnd.nextBoolean(), ls, ts);
  }
}
