package dev.sieve.api;

import dev.sieve.numbers.ContainerStats;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one set's bytes go ({@code GET /v1/memory/{kind}/{name}}, gRPC {@code MemoryOf}): the
 * set's figures and its parts, for a trie its arrays by role, for a Roaring set its containers by
 * type plus the index (for a mapped set, the containers' bytes in the mapped file), and the delta
 * of updates not yet compacted.
 */
public record MemoryBreakdown(SetFigures figures, List<Part> parts) {

  /**
   * One part: its name, its bytes, and for number sets how many containers and values it holds
   * ({@code count} and {@code values} are -1 for the arrays of a trie, which hold neither).
   */
  public record Part(String name, long count, long values, long bytes) {}

  /** The breakdown of a word set: its trie's arrays by role, and its delta. */
  public static MemoryBreakdown words(SetVersion<WordDelta> v) {
    List<Part> parts = new ArrayList<>();
    for (Map.Entry<String, Long> role : v.set().base().bytesByRole().entrySet()) {
      parts.add(new Part(role.getKey(), -1, -1, role.getValue()));
    }
    parts.add(new Part("delta", -1, -1, v.set().deltaBytes()));
    return new MemoryBreakdown(SetFigures.words(v), List.copyOf(parts));
  }

  /** The breakdown of a number set: its containers by type, the index, and its delta. */
  public static MemoryBreakdown numbers(SetVersion<NumberDelta> v) {
    List<Part> parts = new ArrayList<>();
    for (ContainerStats part : v.set().base().breakdown()) {
      parts.add(new Part(part.type(), part.count(), part.values(), part.bytes()));
    }
    parts.add(new Part("delta", 0, v.set().addedCount() + v.set().removedCount(), v.set().deltaBytes()));
    return new MemoryBreakdown(SetFigures.numbers(v), List.copyOf(parts));
  }
}
