package dev.sieve.http;

import dev.sieve.api.Operations;
import dev.sieve.delta.LevelFigures;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.CompactionStats;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.UpdateOp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The JSON of a set's figures: its statistics, a load's and an update's answers, a memory row. */
final class SetJson {
  private SetJson() {}

  /** {@code GET /v1/{kind}/{name}}: the row, version, time and delta; number sets add their Roaring figures. */
  static JsonObject stats(SetFigures f) {
    JsonObject json = row(f)
        .put("version", f.version().version())
        .put("loadedAt", f.version().loadedAt().toString())
        .put("delta", delta(f))
        .put("mappedBytes", f.mappedBytes());
    if (f.kind() == SetKind.NUMBERS) {
      json.put("cardinality", f.count()).put("type", f.type());
    }
    return json;
  }

  /** The answer of a PUT or a combine: {@code count} of a word set, {@code cardinality} of a number set. */
  static JsonObject loaded(SetFigures f) {
    return new JsonObject()
        .put("name", f.name())
        .put("kind", f.kind().wireName())
        .put(f.kind() == SetKind.WORDS ? "count" : "cardinality", f.count())
        .put("bytes", f.bytes())
        .put("version", f.version().version());
  }

  /** The answer of a PUT: as {@link #loaded}, with the skipped lines and the time taken. */
  static JsonObject loaded(Operations.LoadAnswer a) {
    JsonArray first = new JsonArray();
    for (long line : a.report().firstSkippedLines()) {
      first.add(line);
    }
    return loaded(a.figures())
        .put("skipped", a.report().skipped())
        .put("firstSkippedLines", first)
        .put("elapsedMs", a.elapsedMs());
  }

  /** {@code {"name", "kind", "added"|"removed", "count", ("cardinality",) "version"}}. */
  static JsonObject updated(String name, SetKind kind, UpdateOp op, SetStore.Updated u) {
    JsonObject answer = new JsonObject()
        .put("name", name)
        .put("kind", kind.wireName())
        .put(op.changed(), u.changed())
        .put("count", u.count());
    if (kind == SetKind.NUMBERS) {
      answer.put("cardinality", u.count());
    }
    return answer.put("version", u.version());
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
        .put("journalBytes", f.version().journalBytes())
        .put("levels", levels(f));
  }

  /** The delta's levels, oldest first: elements (flips in and out), bytes, sealed (a compaction reads it). */
  private static JsonArray levels(SetFigures f) {
    JsonArray out = new JsonArray();
    for (LevelFigures l : f.deltaLevels()) {
      out.add(new JsonObject().put("elements", l.elements()).put("bytes", l.bytes()).put("sealed", l.sealed()));
    }
    return out;
  }

  /**
   * What compactions did since the start, by kind of set then action ({@code fold}: into a new
   * base; {@code merge}: of a delta's levels): how many, seconds in all and at most, delta bytes.
   */
  static JsonObject compactions(CompactionStats stats) {
    JsonObject out = new JsonObject();
    for (SetKind kind : SetKind.values()) {
      JsonObject byAction = new JsonObject();
      for (CompactionPolicy.Action action : List.of(CompactionPolicy.Action.FOLD, CompactionPolicy.Action.MERGE)) {
        CompactionStats.Tally t = stats.of(kind, action);
        byAction.put(action.label(), new JsonObject()
            .put("count", t.count())
            .put("seconds", t.nanos() / 1e9)
            .put("maxSeconds", t.maxNanos() / 1e9)
            .put("bytes", t.bytes()));
      }
      out.put(kind.wireName(), byAction);
    }
    return out;
  }
}
