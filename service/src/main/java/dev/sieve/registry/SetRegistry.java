package dev.sieve.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The named sets of one kind.
 *
 * <p>Each name maps to one immutable {@link SetVersion}; {@link #replace} swaps in a complete new
 * version atomically, so a reader sees either the old set or the new one, never a partial one, and
 * a load that fails before calling {@code replace} leaves the old version serving untouched. Reads
 * are lock-free. Thread-safe.
 *
 * <p>Later issues hang persistence (snapshot then swap) and add/remove deltas on {@link #replace}
 * and {@link #get}; the version numbers are what a journal will refer to.
 */
public final class SetRegistry<T> {
  private final SetKind kind;
  private final ConcurrentHashMap<String, SetVersion<T>> sets = new ConcurrentHashMap<>();
  private final AtomicLong versions;

  SetRegistry(SetKind kind, AtomicLong versions) {
    this.kind = kind;
    this.versions = versions;
  }

  /** The kind of set held here. */
  public SetKind kind() {
    return kind;
  }

  /** The version now serving under {@code name}, if any. */
  public Optional<SetVersion<T>> get(String name) {
    return Optional.ofNullable(sets.get(name));
  }

  /**
   * Installs {@code set} as the new version of {@code name}, replacing any previous version
   * atomically.
   *
   * @param baselineBytes what a {@code HashSet} of the same elements would take
   * @return the installed version
   */
  public SetVersion<T> replace(String name, T set, long baselineBytes) {
    if (!SetNames.isValid(name)) {
      throw new IllegalArgumentException("invalid set name: " + name);
    }
    SetVersion<T> version =
        new SetVersion<>(name, set, versions.incrementAndGet(), Instant.now(), baselineBytes);
    sets.put(name, version);
    return version;
  }

  /** Removes {@code name}; false if there was no such set. */
  public boolean remove(String name) {
    return sets.remove(name) != null;
  }

  /** Every version now serving, ordered by name. */
  public List<SetVersion<T>> list() {
    List<SetVersion<T>> out = new ArrayList<>(sets.values());
    out.sort(Comparator.comparing(SetVersion::name));
    return out;
  }
}
