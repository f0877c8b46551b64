package dev.sieve.api;

import dev.sieve.ingest.TooLargeException;

/** The limits both faces hold requests to. */
public final class ApiLimits {
  /** Page size when the client names none. */
  public static final int DEFAULT_PAGE = 100;
  /** Largest page a client may ask for. */
  public static final int MAX_PAGE = 10_000;
  /** Most elements one batched lookup may ask about. */
  public static final int MAX_BATCH = 100_000;
  /** Batches up to this size are answered on the event loop; larger ones on a worker. */
  public static final int INLINE_BATCH = 5_000;
  /** Most bytes of one request that is not a load (100,000 words of up to ~300 bytes). */
  public static final long MAX_REQUEST_BYTES = 32L << 20;
  /** Most bytes of elements one update batch may hold, whatever the face; larger changes are a PUT. */
  public static final int MAX_UPDATE_BYTES = dev.sieve.registry.UpdateBatch.MAX_BYTES;

  private ApiLimits() {}

  /**
   * Throws {@link TooLargeException} (413, RESOURCE_EXHAUSTED: what every other limit answers)
   * unless {@code size} is at most {@link #MAX_BATCH}.
   */
  public static void checkBatch(int size, String what) {
    if (size > MAX_BATCH) {
      throw new TooLargeException("at most " + MAX_BATCH + " " + what + " a request, got " + size, 0);
    }
  }
}
