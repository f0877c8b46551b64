package dev.sieve.api;

import java.util.Locale;

/**
 * The machine-readable reason of an error answer: HTTP's {@code "code"} field of every error body,
 * gRPC's {@code sieve-error-code} trailer. Stable: clients branch on these names, so a code is
 * only ever added, never renamed (the list is also in openapi.yaml's {@code Error} schema and the
 * README). Each code belongs to one {@link Failure.Kind}, which the faces map to their statuses.
 */
public enum ErrorCode {
  /** 400: a bad parameter, name, JSON body, batch element, or gzip body. */
  BAD_REQUEST(Failure.Kind.BAD_INPUT),
  /** 400: a bad line of a body; the error's {@code line} says which (1-based). */
  BAD_LINE(Failure.Kind.BAD_INPUT),
  /** 401: a write without the bearer token while the server has one. */
  UNAUTHORIZED(Failure.Kind.BAD_INPUT),
  /** 403: a browser request (Origin header) from an origin {@code --cors-origin} does not list. */
  FORBIDDEN_ORIGIN(Failure.Kind.BAD_INPUT),
  /** 404: no such route (or kind of set). */
  NOT_FOUND(Failure.Kind.NOT_FOUND),
  /** 404: no such set. */
  NO_SUCH_SET(Failure.Kind.NOT_FOUND),
  /** 405: the path exists, not with this method; the answer's {@code Allow} lists those it has. */
  METHOD_NOT_ALLOWED(Failure.Kind.BAD_INPUT),
  /** 413: a body, line, batch or update over its limit. */
  TOO_LARGE(Failure.Kind.TOO_LARGE),
  /** 413: a load that alone needs more than the whole load memory budget ({@code --load-memory}). */
  LOAD_MEMORY(Failure.Kind.TOO_LARGE),
  /** 415: a Content-Type the route does not take. */
  UNSUPPORTED_MEDIA_TYPE(Failure.Kind.BAD_INPUT),
  /** 415 (gRPC UNIMPLEMENTED): a Content-Encoding other than gzip or identity. */
  UNSUPPORTED_ENCODING(Failure.Kind.BAD_INPUT),
  /** 503: the set's snapshot or journal records could not be read; a PUT replaces it. */
  UNAVAILABLE(Failure.Kind.UNAVAILABLE),
  /** 503: the server is starting: its stored sets are not restored yet. Retry. */
  STARTING(Failure.Kind.UNAVAILABLE),
  /** 503 with Retry-After: other loads hold the load memory budget. Retry later. */
  BUSY(Failure.Kind.BUSY),
  /** 507: the data directory's disk is full; nothing was installed nor acknowledged. */
  NO_SPACE(Failure.Kind.NO_SPACE),
  /** 500: a bug, logged by the server. */
  INTERNAL(Failure.Kind.INTERNAL);

  private final Failure.Kind kind;

  ErrorCode(Failure.Kind kind) {
    this.kind = kind;
  }

  /** The kind of failure the faces map this code to (its status). */
  public Failure.Kind kind() {
    return kind;
  }

  /** The code as the wire carries it: {@code bad_line}, {@code no_such_set}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
