package dev.sieve.api;

import java.util.Locale;

/**
 * The machine-readable reason of an error answer: HTTP's {@code "code"} field of every error body,
 * gRPC's {@code sieve-error-code} trailer. Stable: clients branch on these names, so a code is
 * only ever added, never renamed (the list is also in openapi.yaml's {@code Error} schema and the
 * README). The status is the face's to choose (from the {@link Failure.Kind} beside the code);
 * some codes only the HTTP face gives (unauthorized, forbidden_origin, not_found,
 * method_not_allowed, unsupported_media_type).
 */
public enum ErrorCode {
  /** 400: a bad parameter, name, JSON body, batch element, or gzip body. */
  BAD_REQUEST,
  /** 400: a bad line of a body; the error's {@code line} says which (1-based). */
  BAD_LINE,
  /** 401: a write without the bearer token while the server has one. */
  UNAUTHORIZED,
  /** 403: a browser request (Origin header) from an origin {@code --cors-origin} does not list. */
  FORBIDDEN_ORIGIN,
  /** 404: no such route (or kind of set). */
  NOT_FOUND,
  /** 404: no such set. */
  NO_SUCH_SET,
  /** 405: the path exists, not with this method; the answer's {@code Allow} lists those it has. */
  METHOD_NOT_ALLOWED,
  /** 413: a body, line, batch or update over its limit. */
  TOO_LARGE,
  /** 413: a load that alone needs more than the whole load memory budget ({@code --load-memory}). */
  LOAD_MEMORY,
  /** 415: a Content-Type the route does not take. */
  UNSUPPORTED_MEDIA_TYPE,
  /** 415 (gRPC UNIMPLEMENTED): a Content-Encoding other than gzip or identity. */
  UNSUPPORTED_ENCODING,
  /** 503: the set's snapshot or journal records could not be read; a PUT replaces it. */
  UNAVAILABLE,
  /** 503: the server is starting: its stored sets are not restored yet. Retry. */
  STARTING,
  /** 503 with Retry-After: other loads hold the load memory budget. Retry later. */
  BUSY,
  /** 507: the data directory's disk is full; nothing was installed nor acknowledged. */
  NO_SPACE,
  /** 500: a bug, logged by the server. */
  INTERNAL;

  /** The code as the wire carries it: {@code bad_line}, {@code no_such_set}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
