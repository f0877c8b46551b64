package dev.sieve.registry;

/**
 * A set cannot be served or written now: the service is still restoring its sets ({@link
 * #starting()}), or the set's snapshot is unreadable (the HTTP face answers 503, naming the set).
 */
public final class SetUnavailableException extends RuntimeException {
  private final boolean starting;

  /** An unreadable set; {@code message} names it and says why. */
  public SetUnavailableException(String message) {
    this(message, false);
  }

  SetUnavailableException(String message, boolean starting) {
    super(message, null, false, false);
    this.starting = starting;
  }

  /** True while the stored sets are not restored yet: a retry will do. */
  public boolean starting() {
    return starting;
  }
}
