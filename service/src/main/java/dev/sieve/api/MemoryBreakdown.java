package dev.sieve.api;

import dev.sieve.registry.SetFamily;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetPart;
import dev.sieve.registry.SetVersion;
import java.util.List;

/**
 * Where one set's bytes go ({@code GET /v1/memory/{kind}/{name}}, gRPC {@code MemoryOf}): the
 * set's figures and its parts, for a trie its arrays by role, for a Roaring set its containers by
 * type plus the index (for a mapped set, the containers' bytes in the mapped file), and the delta
 * of updates not yet compacted. What the parts are is the family's ({@link SetFamily#parts}).
 */
public record MemoryBreakdown(SetFigures figures, List<SetPart> parts) {

  /** The breakdown of {@code v}, a set of family {@code f}. */
  public static <D> MemoryBreakdown of(SetFamily<D, ?, ?> f, SetVersion<D> v) {
    return new MemoryBreakdown(f.figures(v), f.parts(v.set()));
  }
}
