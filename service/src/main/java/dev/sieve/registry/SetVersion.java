package dev.sieve.registry;

import java.time.Instant;

/**
 * One immutable version of a named set: the set itself (immutable too: a frozen base plus a
 * delta of small updates), the version number of its base (increasing across the registry, so a
 * replacement or a compaction is always visible as a new number), when that base was installed,
 * and the bytes a {@code HashSet} of the same elements would take.
 *
 * <p>The update fields say what the delta holds beyond the base: {@code journalSeq}, the journal
 * sequence number of the last update applied (0 if none; updates up to it are durable);
 * {@code updates}, how many update batches the delta holds; {@code journalBytes}, their payload
 * bytes in the journal; {@code dirtySince}, when the first of them came (null when none).
 */
public record SetVersion<T>(String name, T set, long version, Instant loadedAt, long baselineBytes,
    long journalSeq, int updates, long journalBytes, Instant dirtySince) {

  /** A version without updates beside its base. */
  public SetVersion(String name, T set, long version, Instant loadedAt, long baselineBytes) {
    this(name, set, version, loadedAt, baselineBytes, 0, 0, 0, null);
  }

  /** This version holding {@code set} instead, the same elements arranged otherwise (sealed, levels merged). */
  public SetVersion<T> withSet(T set) {
    return new SetVersion<>(name, set, version, loadedAt, baselineBytes, journalSeq, updates, journalBytes, dirtySince);
  }

  /** This version with one more update batch applied, giving {@code set}. */
  public SetVersion<T> updated(T set, long baselineBytes, long journalSeq, long payloadBytes, Instant now) {
    return new SetVersion<>(name, set, version, loadedAt, baselineBytes, journalSeq, updates + 1,
        journalBytes + payloadBytes, dirtySince == null ? now : dirtySince);
  }
}
