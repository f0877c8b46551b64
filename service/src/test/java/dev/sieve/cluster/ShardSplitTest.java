package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.words.WordCursor;
import dev.sieve.words.WordSet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Shards against TreeSet oracles: together the whole set, each element in the shard its range names, ranges in order. */
class ShardSplitTest {
  @Test
  void wordShardsCoverTheSetInOrderedDisjointRanges() throws Exception {
    Random random = new Random(7);
    String[] pieces = {"a", "b", "é", "日", "\uD83D\uDE00", "zz", ""};
    for (int round = 0; round < 40; round++) {
      TreeSet<String> oracle = new TreeSet<>(Keys::compareWords);
      int size = random.nextInt(round < 5 ? 4 : 500);
      while (oracle.size() < size) {
        StringBuilder w = new StringBuilder();
        for (int k = random.nextInt(5); k > 0; k--) {
          w.append(pieces[random.nextInt(pieces.length)]);
        }
        oracle.add(w.toString());
      }
      int shards = 1 + random.nextInt(6);
      List<ShardSplit.Part> parts = ShardSplit.words(WordSet.of(oracle), shards);
      assertTrue(parts.size() >= 1 && parts.size() <= shards);
      assertEquals("", parts.get(0).from());
      assertNull(parts.get(parts.size() - 1).to());
      List<String> all = new ArrayList<>();
      List<String> fromKeys = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        ShardSplit.Part p = parts.get(i);
        if (i > 0) {
          assertEquals(parts.get(i - 1).to(), p.from());
        }
        fromKeys.add(p.from());
        assertEquals(ShardSplit.checksum(p.bytes()), p.checksum());
        WordSet shard = WordSet.read(ByteBuffer.wrap(p.bytes()));
        assertEquals(p.count(), shard.size());
        assertTrue(size == 0 || p.count() > 0, "no empty shard");
        WordCursor c = shard.cursor();
        while (c.next()) {
          String w = c.current();
          assertTrue(Keys.compareWords(p.from(), w) <= 0 && (p.to() == null || Keys.compareWords(w, p.to()) < 0), w);
          all.add(w);
        }
      }
      assertEquals(new ArrayList<>(oracle), all);
      ShardedSet entry = new ShardedSet(dev.sieve.registry.SetKind.WORDS, "x", 1, null, shardsOf(fromKeys));
      for (String w : oracle) {
        int i = entry.shardOfWord(w);
        WordSet shard = WordSet.read(ByteBuffer.wrap(parts.get(i).bytes()));
        assertTrue(shard.contains(w), w + " in shard " + i);
      }
    }
  }

  @Test
  void numberShardsCutAtMultiplesOf65536() {
    Random random = new Random(11);
    for (int round = 0; round < 30; round++) {
      TreeSet<Long> oracle = new TreeSet<>();
      int size = random.nextInt(round < 3 ? 3 : 20_000);
      while (oracle.size() < size) {
        long v = switch (random.nextInt(3)) {
          case 0 -> random.nextInt(1 << 20);
          case 1 -> (1L << 33) + random.nextInt(1 << 18);
          default -> Long.MAX_VALUE - random.nextInt(1 << 17);
        };
        oracle.add(v);
      }
      int shards = 1 + random.nextInt(6);
      NumberSet set = NumberSet.of(oracle.stream().mapToLong(Long::longValue).toArray());
      List<ShardSplit.Part> parts = ShardSplit.numbers(set, shards);
      assertTrue(parts.size() >= 1 && parts.size() <= shards);
      assertEquals("0", parts.get(0).from());
      assertNull(parts.get(parts.size() - 1).to());
      List<Long> all = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        ShardSplit.Part p = parts.get(i);
        long from = Long.parseLong(p.from());
        assertEquals(0, from % 65536, "a cut on the high bits");
        if (i > 0) {
          assertEquals(parts.get(i - 1).to(), p.from());
        }
        NumberSet shard = NumberSetFormat.read(ByteBuffer.wrap(p.bytes()));
        assertEquals(p.count(), shard.cardinality());
        assertTrue(size == 0 || p.count() > 0, "no empty shard");
        for (long v : shard.list(0, Long.MAX_VALUE, Integer.MAX_VALUE)) {
          assertTrue(v >= from && (p.to() == null || v < Long.parseLong(p.to())));
          all.add(v);
        }
      }
      assertEquals(new ArrayList<>(oracle), all);
    }
  }

  private static List<ShardedSet.Shard> shardsOf(List<String> fromKeys) {
    List<ShardedSet.Shard> out = new ArrayList<>();
    for (int i = 0; i < fromKeys.size(); i++) {
      out.add(new ShardedSet.Shard(i, fromKeys.get(i), i + 1 < fromKeys.size() ? fromKeys.get(i + 1) : null, List.of("n"), "0", 0, 0));
    }
    return out;
  }
}
