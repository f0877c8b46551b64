package dev.sieve.store;

import java.util.Locale;

/**
 * When the {@link Journal} forces its appends to stable storage, as Redis's {@code appendfsync}:
 * <ul>
 *   <li>{@link #ALWAYS}: before an update is acknowledged; concurrent updates share one force
 *       (group commit). An acknowledged update survives a power cut.
 *   <li>{@link #EVERYSEC}: in the background, at least once a second; the answer does not wait.
 *       A power cut may lose the updates of about the last second (a kill -9 loses nothing: the
 *       record is written to the file before the answer).
 *   <li>{@link #NO}: never by Sieve (the OS writes back when it likes, typically within 30 s on
 *       Linux); a kill -9 loses nothing, a power cut what the OS had not written.
 * </ul>
 */
public enum FsyncPolicy {
  ALWAYS,
  EVERYSEC,
  NO;

  /** The policy a flag names: {@code always}, {@code everysec} or {@code no} (any case). */
  public static FsyncPolicy parse(String name) {
    for (FsyncPolicy p : values()) {
      if (p.flag().equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("--fsync must be always, everysec or no, got: " + name);
  }

  /** The policy as the flag and the figures spell it. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
