package dev.sieve.cluster;

import dev.sieve.registry.SetKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One set's entry in the shard map: its version (from the cluster-wide counter) and its shards in
 * key order. Words are cut by byte ranges of their sorted order, numbers by ranges of their high
 * bits (multiples of 2^16, so no Roaring container is ever split); both chosen when the set is
 * built. Immutable; kept in the cluster-wide map as JSON ({@link #toJson}), so that no Java class
 * travels between nodes. {@code type} is a number set's Roaring type ({@code RoaringBitmap} or
 * {@code Roaring64}, as a single node reports it), null for words.
 */
public record ShardedSet(SetKind kind, String name, long version, String type, List<Shard> shards, long rev) {

  /** A new version's entry (revision 0). */
  public ShardedSet(SetKind kind, String name, long version, String type, List<Shard> shards) {
    this(kind, name, version, type, shards, 0);
  }

  /**
   * The same version with {@code shards} in place of its own (owners rewritten), one revision
   * later: of two entries of one version, the later revision is the newer, whatever order a node
   * hears of them in (a listener's event, its own write, a read of the map).
   */
  public ShardedSet withShards(List<Shard> shards) {
    return new ShardedSet(kind, name, version, type, shards, rev + 1);
  }

  /** Whether this entry is at least as new as {@code other}: a later version, or the same one at a revision as late. */
  public boolean atLeastAsNewAs(ShardedSet other) {
    return version > other.version || version == other.version && rev >= other.rev;
  }

  /**
   * A shard: keys in [{@code from}, {@code to}) ({@code to} null: no bound above; words as text, numbers
   * as decimal), the nodes that hold it (the first is its primary), the CRC32C of its snapshot bytes,
   * its elements and its snapshot bytes, and its primary's term: raised each time the shard gets a
   * new primary (a death, a recovery), so that of two copies that took updates of the same sequence
   * numbers the one from the later primary wins ({@link ShardFiles}).
   */
  public record Shard(int index, String from, String to, List<String> owners, String checksum, long count, long bytes,
      long term) {
    public Shard {
      owners = List.copyOf(owners);
    }

    /** A shard of term 0 (a load's). */
    public Shard(int index, String from, String to, List<String> owners, String checksum, long count, long bytes) {
      this(index, from, to, owners, checksum, count, bytes, 0);
    }

    /** This shard held by {@code owners} (the first its primary), in term {@code term}. */
    Shard with(List<String> owners, long term) {
      return new Shard(index, from, to, owners, checksum, count, bytes, term);
    }

    /** This shard held by {@code owners}, the primary unchanged, in the same term; a new primary, in the next. */
    Shard withOwners(List<String> owners) {
      boolean samePrimary = !owners.isEmpty() && !this.owners.isEmpty() && owners.get(0).equals(this.owners.get(0));
      return with(owners, samePrimary ? term : term + 1);
    }

    /** The lowest number of a number shard. */
    public long fromNumber() {
      return Long.parseLong(from);
    }

    /** The number after the last of a number shard; {@link Long#MAX_VALUE} when unbounded (2^63-1 is never a member's successor). */
    public long toNumber() {
      return to == null ? Long.MAX_VALUE : Long.parseLong(to);
    }

    JsonObject toJson() {
      return new JsonObject().put("index", index).put("from", from).put("to", to).put("owners", new JsonArray(owners))
          .put("checksum", checksum).put("count", count).put("bytes", bytes).put("term", term);
    }

    static Shard of(JsonObject j) {
      List<String> owners = new ArrayList<>();
      for (Object o : j.getJsonArray("owners")) {
        owners.add((String) o);
      }
      return new Shard(j.getInteger("index"), j.getString("from"), j.getString("to"), owners, j.getString("checksum"),
          j.getLong("count"), j.getLong("bytes"), j.getLong("term", 0L));
    }
  }

  public ShardedSet {
    shards = List.copyOf(shards);
  }

  /** The key of this set in the shard map: {@code words/en}. */
  public static String key(SetKind kind, String name) {
    return kind.wireName() + "/" + name;
  }

  /** Elements over every shard. */
  public long count() {
    return shards.stream().mapToLong(Shard::count).sum();
  }

  /** Snapshot bytes over every shard (one copy). */
  public long bytes() {
    return shards.stream().mapToLong(Shard::bytes).sum();
  }

  /** The index of the shard holding word {@code word} (byte order of UTF-8, that is code point order). */
  public int shardOfWord(String word) {
    int lo = 0;
    for (int i = 1; i < shards.size(); i++) {
      if (Keys.compareWords(shards.get(i).from(), word) <= 0) {
        lo = i;
      } else {
        break;
      }
    }
    return lo;
  }

  /** The index of the shard holding number {@code n}. */
  public int shardOfNumber(long n) {
    int lo = 0;
    for (int i = 1; i < shards.size(); i++) {
      if (shards.get(i).fromNumber() <= n) {
        lo = i;
      } else {
        break;
      }
    }
    return lo;
  }

  public String toJson() {
    JsonArray s = new JsonArray();
    shards.forEach(shard -> s.add(shard.toJson()));
    JsonObject j = new JsonObject().put("kind", kind.wireName()).put("name", name).put("version", version).put("type", type);
    if (rev > 0) { // absent at revision 0, so an entry written by a build without revisions reads back to the same text
      j.put("rev", rev);
    }
    return j.put("shards", s).encode();
  }

  public static ShardedSet of(String json) {
    JsonObject j = new JsonObject(json);
    List<Shard> shards = new ArrayList<>();
    for (Object o : j.getJsonArray("shards")) {
      shards.add(Shard.of((JsonObject) o));
    }
    return new ShardedSet(SetKind.fromWireName(j.getString("kind")), j.getString("name"), j.getLong("version"), j.getString("type"), shards,
        j.getLong("rev", 0L));
  }
}
