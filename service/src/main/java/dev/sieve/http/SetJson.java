package dev.sieve.http;

import dev.sieve.api.SetFigures;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordDelta;
import io.vertx.core.json.JsonObject;

/** The JSON of a set's statistics, shared by the set, list and memory routes. */
final class SetJson {
  private SetJson() {}

  static JsonObject words(SetVersion<WordDelta> v) {
    return stats(SetFigures.words(v));
  }

  static JsonObject numbers(SetVersion<NumberDelta> v) {
    SetFigures figures = SetFigures.numbers(v);
    return stats(figures).put("cardinality", figures.count()).put("type", figures.type())
        .put("mappedBytes", figures.mappedBytes());
  }

  private static JsonObject stats(SetFigures f) {
    return row(f)
        .put("version", f.version().version())
        .put("loadedAt", f.version().loadedAt().toString())
        .put("delta", delta(f));
  }

  /** The figures every listing of a set shows (a row of the memory report). */
  static JsonObject row(SetFigures f) {
    return new JsonObject()
        .put("name", f.name())
        .put("kind", f.kind().wireName())
        .put("count", f.count())
        .put("bytes", f.bytes())
        .put("bytesPerElement", f.bytesPerElement())
        .put("baselineBytes", f.baselineBytes());
  }

  /** The updates held beside the frozen base, not yet compacted into it. */
  static JsonObject delta(SetFigures f) {
    return new JsonObject()
        .put("updates", f.version().updates())
        .put("added", f.deltaAdded())
        .put("removed", f.deltaRemoved())
        .put("bytes", f.deltaBytes())
        .put("journalBytes", f.version().journalBytes());
  }
}
