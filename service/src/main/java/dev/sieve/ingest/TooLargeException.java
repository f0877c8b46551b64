package dev.sieve.ingest;

/** A body or a line over its limit; the load changes nothing. */
public final class TooLargeException extends IngestException {
  public TooLargeException(String message, long line) {
    super(message, line);
  }
}
