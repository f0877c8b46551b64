package dev.sieve.registry;

/** A request named a set that is not there (HTTP 404, gRPC NOT_FOUND). */
public final class NoSuchSetException extends RuntimeException {
  public NoSuchSetException(SetKind kind, String name) {
    super("no " + (kind == SetKind.WORDS ? "word" : "number") + " set named " + name, null, false, false);
  }
}
