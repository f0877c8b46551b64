package dev.sieve.memory;

/**
 * One load's share of a {@link LoadBudget}: the bytes it holds now, grown before each
 * allocation to what the load will need at its peak, and given back whole by {@link #close()}
 * whatever the outcome (installed, refused, failed, client gone).
 *
 * <p>A structure that grows asks {@link #tryGrowTo} ("may I hold this many bytes?") and reacts
 * to a no: a number builder throws {@link #refusal}, which refuses the load; a word collector with a
 * spill directory asks for less and spills what it holds to disk, and throws only when even that
 * is refused. Growth is rounded up to {@link #CHUNK}
 * so that the shared counter is touched once a mebibyte, not once a line.
 *
 * <p>Thread-safe (one load may grow on the event loop and be closed from a worker). After
 * {@link #close()} every growth is refused and the reservation holds nothing.
 */
public final class Reservation implements AutoCloseable {
  /** Step in which reservations grow. */
  public static final long CHUNK = 1L << 20;

  private final LoadBudget budget;
  private final String what;
  private long held;
  private boolean closed;

  Reservation(LoadBudget budget, String what) {
    this.budget = budget;
    this.what = what;
  }

  /** A reservation on an unlimited budget of its own: it never refuses (tools, tests, compaction). */
  public static Reservation unlimited() {
    return LoadBudget.unlimited().open("unbudgeted");
  }

  /**
   * Makes this reservation hold at least {@code total} bytes; false (nothing changed) if the
   * budget cannot give them now.
   */
  public synchronized boolean tryGrowTo(long total) {
    if (total <= held) {
      return true;
    }
    if (closed) {
      return false;
    }
    long rounded = total > Long.MAX_VALUE - CHUNK ? total : (total + CHUNK - 1) / CHUNK * CHUNK;
    // the rounding alone may be what does not fit: then the exact amount is asked for
    for (long want : new long[] {rounded, total}) {
      if (budget.tryReserve(want - held)) {
        held = want;
        return true;
      }
    }
    return false;
  }

  /** As {@link #tryGrowTo}, throwing its {@link #refusal} on a no. */
  public void growTo(long total) {
    if (!tryGrowTo(total)) {
      throw refusal(total);
    }
  }

  /**
   * Why a growth to {@code total} bytes was refused, counted in the budget's figures: it can never
   * fit (more than the whole budget) or it could once other loads end.
   */
  public synchronized LoadMemoryException refusal(long total) {
    boolean fitsLater = total <= budget.limit();
    budget.refused(fitsLater);
    long others = Math.max(0, budget.reserved() - held);
    String message;
    if (fitsLater) {
      message = what + " needs about " + mib(total) + " of load memory, and other loads hold "
          + mib(others) + " of the " + mib(budget.limit()) + " budget (--load-memory): retry later,"
          + " send fewer loads at once, or raise --load-memory";
    } else {
      message = what + " needs about " + mib(total) + " of load memory (collected input and its build),"
          + " more than the whole budget of " + mib(budget.limit()) + ": raise --load-memory (and -Xmx"
          + " with it), or send it in smaller parts (load part of the set, then add the rest in update batches)";
    }
    return new LoadMemoryException(message, fitsLater, total, budget.limit());
  }

  /** Bytes held now. */
  public synchronized long held() {
    return held;
  }

  /** Gives every byte back to the budget; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    budget.release(held);
    held = 0;
    budget.closed();
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }
}
