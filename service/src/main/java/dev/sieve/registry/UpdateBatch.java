package dev.sieve.registry;

import dev.sieve.ingest.LineSink;
import dev.sieve.ingest.TooLargeException;
import dev.sieve.memory.Reservation;

/**
 * The elements of one update batch as a face decodes them, from lines ({@link LineSink}), JSON or
 * gRPC, held to the one limit of an update ({@link UpdateBatch#MAX_BYTES}: over it is a
 * {@link TooLargeException}, 413 / RESOURCE_EXHAUSTED, whatever the face) and to the load memory
 * budget through its reservation. A bad element is an {@link IllegalArgumentException} naming it.
 * One per request; not thread-safe.
 *
 * @param <E> the batch as the store applies it
 */
public abstract sealed class UpdateBatch<E> implements LineSink, AutoCloseable permits WordBatch, NumberBatch {
  /** Bytes an update may hold (its elements as the journal keeps them): more is a PUT's job. */
  public static final int MAX_BYTES = 16 << 20;

  final Reservation reservation;

  UpdateBatch(Reservation reservation) {
    this.reservation = reservation;
  }

  /**
   * Adds element {@code index} of a batch sent as values (JSON, gRPC words): refused, naming
   * {@code index}, unless it is an element of this kind.
   */
  public abstract void add(Object element, int index);

  /** The batch, once every element is in; may be CPU-heavy (call on a worker). */
  public abstract E finish();

  /** Gives the batch's memory back to the budget. */
  @Override
  public void close() {
    reservation.close();
  }

  static TooLargeException tooLarge(String what) {
    return new TooLargeException("an update holds at most " + MAX_BYTES + " bytes of " + what
        + "; use PUT to replace a set", 0);
  }
}
