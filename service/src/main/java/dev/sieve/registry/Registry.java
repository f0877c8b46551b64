package dev.sieve.registry;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.words.WordDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All of Sieve's named sets (each a frozen base plus a delta of updates): one {@link SetRegistry} per kind, sharing one version counter, and
 * whether the data to serve at start (demo or configured) has been loaded. Thread-safe.
 */
public final class Registry {
  private final AtomicLong versions = new AtomicLong();
  private final SetRegistry<WordDelta> words = new SetRegistry<>(SetKind.WORDS, versions);
  private final SetRegistry<NumberDelta> numbers = new SetRegistry<>(SetKind.NUMBERS, versions);
  private volatile boolean ready;

  /** The word sets. */
  public SetRegistry<WordDelta> words() {
    return words;
  }

  /** The number sets. */
  public SetRegistry<NumberDelta> numbers() {
    return numbers;
  }

  /** The figures of every set serving, word sets then number sets, each kind by name. */
  public List<SetFigures> figures() {
    List<SetFigures> out = new ArrayList<>();
    for (SetKind kind : SetKind.values()) {
      out.addAll(SetFamily.of(kind).list(this));
    }
    return out;
  }

  /** A new version number, greater than every one given before, whatever the kind of set. */
  public long nextVersion() {
    return versions.incrementAndGet();
  }

  /** Makes every later version number greater than {@code version} (after a restart). */
  public void versionsAbove(long version) {
    versions.accumulateAndGet(version, Math::max);
  }

  /** True once the start-up data is loaded. */
  public boolean isReady() {
    return ready;
  }

  /** Marks the start-up data as loaded. */
  public void markReady() {
    ready = true;
  }
}
