package dev.sieve.ingest;

import java.time.Instant;

/**
 * One load as it runs and after it ends: what it reads (lines, bytes after gzip decoding), its
 * phase, and how it ended (the set's element count and bytes, or the error).
 *
 * <p>Written by the thread that runs the load (the event loop while reading, a worker while
 * building), read by anyone: every field is volatile, and the counters are published once per
 * chunk of body (not per line), so watching a load costs nothing measurable. Rates are over the
 * whole load so far, not a moving window.
 */
public final class LoadProgress {
  /** Where a load is. */
  public enum Phase {
    /** Lines are streaming in. */
    READING,
    /** The body has ended; the set is being built on a worker. */
    BUILDING,
    /** Built; the set is ready to install. */
    DONE,
    /** Refused or broken off; nothing changed. */
    FAILED;

    /** The lower-case name used in JSON, logs and metrics. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final long id;
  private final String kind;
  private final String name;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private volatile Phase phase = Phase.READING;
  private volatile long lines;
  private volatile long bytes;
  private volatile long endNanos;
  private volatile long elements = -1;
  private volatile long setBytes = -1;
  private volatile String error;

  LoadProgress(long id, String kind, String name) {
    this.id = id;
    this.kind = kind;
    this.name = name;
  }

  /** A number given to each load of one {@link Loads}, from 1 up. */
  public long id() {
    return id;
  }

  /** {@code words} or {@code numbers}. */
  public String kind() {
    return kind;
  }

  /** The name of the set being loaded ({@code -} when the caller gave none). */
  public String name() {
    return name;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Phase phase() {
    return phase;
  }

  /** Lines read so far, empty ones included. */
  public long lines() {
    return lines;
  }

  /** Body bytes read so far, after gzip decoding. */
  public long bytes() {
    return bytes;
  }

  /** Elements of the built set, or -1 until it is built. */
  public long elements() {
    return elements;
  }

  /** Exact bytes of the built set, or -1 until it is built. */
  public long setBytes() {
    return setBytes;
  }

  /** Why the load failed, or null. */
  public String error() {
    return error;
  }

  /** Milliseconds from start to now, or to the end once it ended. */
  public long elapsedMillis() {
    long end = endNanos;
    return ((end == 0 ? System.nanoTime() : end) - startNanos) / 1_000_000;
  }

  /** Lines per second over the load so far (0 in its first millisecond). */
  public double linesPerSecond() {
    long ms = elapsedMillis();
    return ms == 0 ? 0 : lines * 1000.0 / ms;
  }

  /** Bytes per second over the load so far (0 in its first millisecond). */
  public double bytesPerSecond() {
    long ms = elapsedMillis();
    return ms == 0 ? 0 : bytes * 1000.0 / ms;
  }

  /** True while reading or building. */
  public boolean isRunning() {
    Phase p = phase;
    return p == Phase.READING || p == Phase.BUILDING;
  }

  void read(long bytes, long lines) {
    if (!isRunning()) {
      return; // a failed load's pipe may still count the lines of the chunk it failed in
    }
    this.bytes = bytes;
    this.lines = lines;
  }

  void building() {
    phase = Phase.BUILDING;
  }

  void done(long elements, long setBytes) {
    this.elements = elements;
    this.setBytes = setBytes;
    this.endNanos = System.nanoTime();
    phase = Phase.DONE;
  }

  void failed(Throwable cause) {
    this.error = describe(cause);
    this.endNanos = System.nanoTime();
    phase = Phase.FAILED;
  }

  /** The class and message of a failure, with its line when it has one. */
  static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    String line = cause instanceof IngestException ie && ie.line() > 0 ? " (line " + ie.line() + ")" : "";
    return cause.getClass().getSimpleName() + ": " + message + line;
  }
}
