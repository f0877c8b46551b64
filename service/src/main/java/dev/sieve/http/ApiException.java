package dev.sieve.http;

/** A request the API refuses, with its HTTP status and, for body errors, the 1-based line. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final long line;

  public ApiException(int status, String message) {
    this(status, message, 0);
  }

  public ApiException(int status, String message, long line) {
    super(message, null, false, false);
    this.status = status;
    this.line = line;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** 1-based line number, or 0. */
  public long line() {
    return line;
  }
}
