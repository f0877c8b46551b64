package dev.sieve.api;

import dev.sieve.numbers.ContainerStats;
import dev.sieve.numbers.NumberSet;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one set's bytes go ({@code GET /v1/memory/{kind}/{name}}, gRPC {@code MemoryOf}): the
 * set's figures and its parts, for a trie its arrays by role, for a Roaring set its containers by
 * type plus the index.
 */
public record MemoryBreakdown(SetFigures figures, List<Part> parts) {

  /**
   * One part: its name, its bytes, and for number sets how many containers and values it holds
   * ({@code count} and {@code values} are -1 for the arrays of a trie, which hold neither).
   */
  public record Part(String name, long count, long values, long bytes) {}

  /**
   * The breakdown of {@code name} of {@code kind}.
   *
   * @throws NoSuchSetException if there is no such set
   */
  public static MemoryBreakdown of(Registry registry, SetKind kind, String name) {
    List<Part> parts = new ArrayList<>();
    if (kind == SetKind.WORDS) {
      SetVersion<WordSet> v = registry.words().get(name).orElseThrow(() -> new NoSuchSetException(kind, name));
      for (Map.Entry<String, Long> role : v.set().bytesByRole().entrySet()) {
        parts.add(new Part(role.getKey(), -1, -1, role.getValue()));
      }
      return new MemoryBreakdown(SetFigures.words(v), List.copyOf(parts));
    }
    SetVersion<NumberSet> v = registry.numbers().get(name).orElseThrow(() -> new NoSuchSetException(kind, name));
    for (ContainerStats part : v.set().breakdown()) {
      parts.add(new Part(part.type(), part.count(), part.values(), part.bytes()));
    }
    return new MemoryBreakdown(SetFigures.numbers(v), List.copyOf(parts));
  }
}
