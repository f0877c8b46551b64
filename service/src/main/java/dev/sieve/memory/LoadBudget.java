package dev.sieve.memory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap bytes that loads may hold at once, shared by every load of a server (word and number
 * uploads, update batches, Roaring bodies): each load {@linkplain #open opens} a {@link
 * Reservation} and grows it, before it allocates, to what it will need at its peak; a growth that
 * would take the total past {@link #limit()} is refused, so a load is turned away early instead
 * of running the JVM out of memory.
 *
 * <p>Only loads are counted: the sets being served, request buffers and the JVM's own headroom
 * live outside the budget, which is why its default is a fraction of the heap. The figures are
 * estimates made by the structures themselves (see {@code WordSetCollector} and {@code
 * NumberSetBuilder}), not measurements of the heap.
 *
 * <p>Thread-safe and lock-free: one compare-and-set per growth step ({@link Reservation#CHUNK}
 * or more). {@link #reserved()} is never negative and never above {@link #limit()}.
 */
public final class LoadBudget {
  private final long limit;
  private final AtomicLong reserved = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refusedLater = new AtomicLong();
  private final AtomicLong refusedNever = new AtomicLong();

  /** A budget of {@code limit} bytes (positive). */
  public LoadBudget(long limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the load memory budget must be positive: " + limit);
    }
    this.limit = limit;
  }

  /** A budget that never refuses: for tools and tests that load outside a server. */
  public static LoadBudget unlimited() {
    return new LoadBudget(Long.MAX_VALUE);
  }

  /** Opens an empty reservation for one load; {@code what} names it in refusals (e.g. {@code words/en}). */
  public Reservation open(String what) {
    open.incrementAndGet();
    return new Reservation(this, what);
  }

  /** Most bytes all loads together may hold. */
  public long limit() {
    return limit;
  }

  /** Bytes reserved now, by every open reservation together. */
  public long reserved() {
    return reserved.get();
  }

  /** Reservations open now (loads that have not ended). */
  public int openReservations() {
    return open.get();
  }

  /** Loads refused so far because other loads held the budget (they could fit later). */
  public long refusedBusy() {
    return refusedLater.get();
  }

  /** Loads refused so far because they alone need more than the whole budget. */
  public long refusedTooLarge() {
    return refusedNever.get();
  }

  /** Takes {@code bytes} (not negative) if they fit under the limit. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = reserved.get();
      // written as a subtraction so that an unlimited budget cannot overflow
      if (bytes > limit - now) {
        return false;
      }
      if (reserved.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Gives back {@code bytes} that {@link #tryReserve} took. */
  void release(long bytes) {
    long after = reserved.addAndGet(-bytes);
    if (after < 0) {
      // a reservation released more than it held: a bug, and the figure would be wrong from now on
      throw new IllegalStateException("load budget released below zero: " + after);
    }
  }

  void closed() {
    open.decrementAndGet();
  }

  void refused(boolean fitsLater) {
    (fitsLater ? refusedLater : refusedNever).incrementAndGet();
  }
}
