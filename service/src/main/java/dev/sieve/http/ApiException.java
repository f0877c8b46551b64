package dev.sieve.http;

import dev.sieve.api.ErrorCode;

/**
 * A request the HTTP face refuses itself, with its status, its {@link ErrorCode} and, for body
 * errors, the 1-based line.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final ErrorCode code;
  private final long line;

  /** The code is the one the status usually carries ({@link #codeOf}). */
  public ApiException(int status, String message) {
    this(status, codeOf(status), message, 0);
  }

  public ApiException(int status, ErrorCode code, String message) {
    this(status, code, message, 0);
  }

  public ApiException(int status, ErrorCode code, String message, long line) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.line = line;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, ErrorCode.BAD_REQUEST, message);
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  public ErrorCode code() {
    return code;
  }

  /** 1-based line number, or 0. */
  public long line() {
    return line;
  }

  /** The code an error of {@code status} carries when nothing says more (Vert.x's own 404, 405, 413). */
  static ErrorCode codeOf(int status) {
    return switch (status) {
      case 400 -> ErrorCode.BAD_REQUEST;
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN_ORIGIN; // only CORS refuses with 403
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 404 -> ErrorCode.NOT_FOUND;
      case 413 -> ErrorCode.TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ErrorCode.UNAVAILABLE;
      case 507 -> ErrorCode.NO_SPACE;
      default -> ErrorCode.INTERNAL;
    };
  }
}
