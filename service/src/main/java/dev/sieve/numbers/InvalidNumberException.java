package dev.sieve.numbers;

/** A line or value that is not a natural 0 .. 2^63-1 or an inclusive range {@code a-b} of them. */
public final class InvalidNumberException extends IllegalArgumentException {
  public InvalidNumberException(String message) {
    super(message);
  }
}
