package dev.sieve.http;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordDelta;
import io.vertx.core.json.JsonObject;

/** The JSON of a set's statistics, shared by the set, list and memory routes. */
final class SetJson {
  private SetJson() {}

  static JsonObject words(SetVersion<WordDelta> v) {
    WordDelta set = v.set();
    return common(v, "words", set.size(), set.byteSize())
        .put("delta", delta(v, set.addedCount(), set.removedCount(), set.deltaBytes()));
  }

  static JsonObject numbers(SetVersion<NumberDelta> v) {
    NumberDelta set = v.set();
    JsonObject json = common(v, "numbers", set.cardinality(), set.byteSize());
    json.put("cardinality", set.cardinality());
    json.put("type", set.type());
    json.put("mappedBytes", set.base().mappedBytes());
    return json.put("delta", delta(v, set.addedCount(), set.removedCount(), set.deltaBytes()));
  }

  /** The updates held beside the frozen base, not yet compacted into it. */
  static JsonObject delta(SetVersion<?> v, long added, long removed, long bytes) {
    return new JsonObject()
        .put("updates", v.updates())
        .put("added", added)
        .put("removed", removed)
        .put("bytes", bytes)
        .put("journalBytes", v.journalBytes());
  }

  private static JsonObject common(SetVersion<?> v, String kind, long count, long bytes) {
    return new JsonObject()
        .put("name", v.name())
        .put("kind", kind)
        .put("count", count)
        .put("bytes", bytes)
        .put("bytesPerElement", perElement(bytes, count))
        .put("baselineBytes", v.baselineBytes())
        .put("version", v.version())
        .put("loadedAt", v.loadedAt().toString());
  }

  /** Bytes per element, rounded to two decimals; 0 for an empty set. */
  static double perElement(long bytes, long count) {
    return count == 0 ? 0 : Math.round(100.0 * bytes / count) / 100.0;
  }
}
