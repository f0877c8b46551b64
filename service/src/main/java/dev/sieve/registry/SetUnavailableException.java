package dev.sieve.registry;

/**
 * A set cannot be served or written now: the service is still restoring its sets, or the set's
 * snapshot is unreadable (the HTTP face answers 503, naming the set).
 */
public final class SetUnavailableException extends RuntimeException {
  public SetUnavailableException(String message) {
    super(message, null, false, false);
  }
}
