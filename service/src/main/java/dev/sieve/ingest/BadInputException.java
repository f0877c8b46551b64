package dev.sieve.ingest;

/** A line (or a binary body) that does not parse; the load changes nothing. */
public final class BadInputException extends IngestException {
  public BadInputException(String message, long line) {
    super(message, line);
  }
}
