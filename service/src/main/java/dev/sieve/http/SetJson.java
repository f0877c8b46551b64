package dev.sieve.http;

import dev.sieve.numbers.NumberSet;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordSet;
import io.vertx.core.json.JsonObject;

/** The JSON of a set's statistics, shared by the set, list and memory routes. */
final class SetJson {
  private SetJson() {}

  static JsonObject words(SetVersion<WordSet> v) {
    WordSet set = v.set();
    return common(v, "words", set.size(), set.byteSize());
  }

  static JsonObject numbers(SetVersion<NumberSet> v) {
    NumberSet set = v.set();
    JsonObject json = common(v, "numbers", set.cardinality(), set.byteSize());
    json.put("cardinality", set.cardinality());
    json.put("type", set.type());
    return json;
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
