package dev.sieve.memory;

/**
 * A load refused because the {@link LoadBudget} cannot hold what it needs: nothing was installed,
 * and its message says what to do. {@link #fitsLater()} tells the two cases apart: other loads hold
 * the budget now (retry later: HTTP 503 with {@code Retry-After}, gRPC UNAVAILABLE), or this load
 * alone needs more than the whole budget (never fits as sent: HTTP 413, gRPC RESOURCE_EXHAUSTED).
 */
public final class LoadMemoryException extends RuntimeException {
  private final boolean fitsLater;
  private final long needed;
  private final long limit;

  public LoadMemoryException(String message, boolean fitsLater, long needed, long limit) {
    super(message, null, false, false);
    this.fitsLater = fitsLater;
    this.needed = needed;
    this.limit = limit;
  }

  /** True if the load could fit once other loads end; false if it can never fit the budget. */
  public boolean fitsLater() {
    return fitsLater;
  }

  /** Bytes the load needed, as estimated when it was refused. */
  public long needed() {
    return needed;
  }

  /** The whole budget, in bytes. */
  public long limit() {
    return limit;
  }
}
