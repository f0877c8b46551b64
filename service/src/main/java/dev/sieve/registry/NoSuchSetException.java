package dev.sieve.registry;

/** A write named a set that does not exist (the HTTP face answers 404). */
public final class NoSuchSetException extends RuntimeException {
  public NoSuchSetException(String message) {
    super(message, null, false, false);
  }
}
