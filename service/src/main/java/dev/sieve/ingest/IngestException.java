package dev.sieve.ingest;

/**
 * Why a load was refused: {@link BadInputException} for content that is not valid, {@link
 * TooLargeException} for a body or line over its limit. {@link #line()} is the 1-based line the
 * problem was found on, or 0 if it concerns no one line.
 */
public abstract sealed class IngestException extends RuntimeException
    permits BadInputException, TooLargeException {
  private final long line;

  IngestException(String message, long line) {
    super(message, null, false, false);
    this.line = line;
  }

  /** 1-based line number, or 0. */
  public long line() {
    return line;
  }
}
