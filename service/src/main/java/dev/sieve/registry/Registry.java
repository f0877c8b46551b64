package dev.sieve.registry;

import dev.sieve.numbers.NumberSet;
import dev.sieve.words.WordSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All of Sieve's named sets: one {@link SetRegistry} per kind, sharing one version counter, and
 * whether the data to serve at start (demo or configured) has been loaded. Thread-safe.
 */
public final class Registry {
  private final AtomicLong versions = new AtomicLong();
  private final SetRegistry<WordSet> words = new SetRegistry<>(SetKind.WORDS, versions);
  private final SetRegistry<NumberSet> numbers = new SetRegistry<>(SetKind.NUMBERS, versions);
  private volatile boolean ready;

  /** The word sets. */
  public SetRegistry<WordSet> words() {
    return words;
  }

  /** The number sets. */
  public SetRegistry<NumberSet> numbers() {
    return numbers;
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
