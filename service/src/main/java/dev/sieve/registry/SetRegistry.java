package dev.sieve.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The named sets of one kind.
 *
 * <p>Each name maps to one immutable {@link SetVersion}; {@link #replace} and {@link #install}
 * swap in a complete new version atomically, so a reader sees either the old set or the new one,
 * never a partial one, and a load that fails before that leaves the old version serving
 * untouched. Reads are lock-free. Thread-safe. Only {@link SetStore} writes here (its methods
 * order journal, snapshot, catalog and swap, per set): outside this package the registry is
 * read-only, so no face can change a set without storing the change.
 *
 * <p>A name may also be <em>unavailable</em>: its stored snapshot could not be read at start.
 * It then has no version, and {@link #unavailable} says why, so the faces can answer 503 for it.
 */
public final class SetRegistry<T> {
  private final SetKind kind;
  private final ConcurrentHashMap<String, SetVersion<T>> sets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> unavailable = new ConcurrentHashMap<>();
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

  /** Why {@code name} cannot be served (its snapshot is unreadable), if it cannot. */
  public Optional<String> unavailable(String name) {
    return Optional.ofNullable(unavailable.get(name));
  }

  /**
   * Installs {@code set} as the new version of {@code name}, replacing any previous version
   * atomically.
   *
   * @param baselineBytes what a {@code HashSet} of the same elements would take
   * @return the installed version
   */
  SetVersion<T> replace(String name, T set, long baselineBytes) {
    return install(new SetVersion<>(name, set, versions.incrementAndGet(), java.time.Instant.now(), baselineBytes));
  }

  /** Installs {@code version} (whose number came from {@link Registry#nextVersion}) atomically. */
  SetVersion<T> install(SetVersion<T> version) {
    if (!SetNames.isValid(version.name())) {
      throw new IllegalArgumentException("invalid set name: " + version.name());
    }
    sets.put(version.name(), version);
    unavailable.remove(version.name());
    return version;
  }

  /** Marks {@code name} as unreadable, with the reason given to clients. */
  void markUnavailable(String name, String reason) {
    sets.remove(name);
    unavailable.put(name, reason);
  }

  /** Removes {@code name}; false if there was no such set (nor an unavailable one). */
  boolean remove(String name) {
    boolean was = unavailable.remove(name) != null;
    return sets.remove(name) != null || was;
  }

  /** Every version now serving, ordered by name. */
  public List<SetVersion<T>> list() {
    List<SetVersion<T>> out = new ArrayList<>(sets.values());
    out.sort(Comparator.comparing(SetVersion::name));
    return out;
  }
}
