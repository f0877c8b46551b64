package dev.sieve.api;

import dev.sieve.ingest.IngestException;
import dev.sieve.ingest.TooLargeException;
import dev.sieve.memory.LoadMemoryException;
import dev.sieve.registry.NoSuchSetException;
import dev.sieve.registry.SetUnavailableException;
import dev.sieve.store.NoSpaceException;
import dev.sieve.words.SearchBudgetException;

/**
 * Why a request failed, as both faces answer it: each maps the {@link Kind} to its own code (HTTP
 * status, gRPC status), sends the same message and the same {@link ErrorCode}, so the faces
 * cannot disagree on an error. The line is the 1-based line of a bad or too long line of a body,
 * else 0.
 */
public record Failure(Kind kind, ErrorCode code, String message, long line) {
  /** The kinds of failure, with the HTTP and gRPC codes the faces give them. */
  public enum Kind {
    /** 400 / INVALID_ARGUMENT: bad input, a bad argument. */
    BAD_INPUT,
    /** 404 / NOT_FOUND: no such set. */
    NOT_FOUND,
    /**
     * 413 / RESOURCE_EXHAUSTED: a body, line or update over its limit, a load larger than the whole
     * budget, or a search needing more trie node visits than its budget.
     */
    TOO_LARGE,
    /** 503 / UNAVAILABLE: a set not restored yet, or unreadable. */
    UNAVAILABLE,
    /** 503 with Retry-After / UNAVAILABLE: other loads hold the load memory budget; retry later. */
    BUSY,
    /** 507 / RESOURCE_EXHAUSTED: the data directory's disk is full; nothing was installed. */
    NO_SPACE,
    /** 500 / INTERNAL: a bug; logged by the face. */
    INTERNAL
  }

  /** The failure {@code t} is. */
  public static Failure of(Throwable t) {
    if (t instanceof NoSuchSetException) {
      return new Failure(Kind.NOT_FOUND, ErrorCode.NO_SUCH_SET, t.getMessage(), 0);
    }
    if (t instanceof SetUnavailableException e) {
      return new Failure(Kind.UNAVAILABLE, e.starting() ? ErrorCode.STARTING : ErrorCode.UNAVAILABLE, t.getMessage(), 0);
    }
    if (t instanceof LoadMemoryException e) {
      return e.fitsLater()
          ? new Failure(Kind.BUSY, ErrorCode.BUSY, e.getMessage(), 0)
          : new Failure(Kind.TOO_LARGE, ErrorCode.LOAD_MEMORY, e.getMessage(), 0);
    }
    if (t instanceof TooLargeException e) {
      return new Failure(Kind.TOO_LARGE, ErrorCode.TOO_LARGE, e.getMessage(), e.line());
    }
    if (t instanceof IngestException e) {
      return new Failure(Kind.BAD_INPUT, e.line() > 0 ? ErrorCode.BAD_LINE : ErrorCode.BAD_REQUEST, e.getMessage(), e.line());
    }
    if (t instanceof SearchBudgetException) {
      return new Failure(Kind.TOO_LARGE, ErrorCode.TOO_LARGE, t.getMessage(), 0); // the query's work, not its bytes, is over its limit
    }
    if (t instanceof NoSpaceException) {
      return new Failure(Kind.NO_SPACE, ErrorCode.NO_SPACE, t.getMessage(), 0);
    }
    if (t instanceof IllegalArgumentException) {
      return new Failure(Kind.BAD_INPUT, ErrorCode.BAD_REQUEST, t.getMessage(), 0);
    }
    return new Failure(Kind.INTERNAL, ErrorCode.INTERNAL, "internal error", 0);
  }
}
