package dev.sieve.registry;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background compaction: one daemon thread that, every so often and whenever an update leaves a
 * set's delta due by size, does what {@link SetStore#due} says: folds deltas into new frozen bases
 * ({@link SetStore#compact}) or merges their levels ({@link SetStore#mergeLevels}). One compaction
 * at a time, never on an event loop, so it takes at most one core from the readers, who are never
 * blocked, and from the writers, who wait on a set's lock only for the swaps.
 */
public final class Compactor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Compactor.class.getName());

  private final SetStore store;
  private final ScheduledExecutorService thread;
  /** A nudged pass is queued and has not started: more nudges add nothing (a burst of updates). */
  private final AtomicBoolean nudged = new AtomicBoolean();

  public Compactor(SetStore store) {
    this.store = store;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sieve-compactor");
      t.setDaemon(true);
      return t;
    });
    long periodMs = Math.max(100, Math.min(1000, store.policy().afterTime().toMillis() / 4));
    thread.scheduleWithFixedDelay(this::runDue, periodMs, periodMs, TimeUnit.MILLISECONDS);
    store.onDue(this::nudge);
  }

  /** Asks for a pass over the due sets soon (an update just left a delta due by size). */
  public void nudge() {
    if (!nudged.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> {
        nudged.set(false);
        runDue();
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down
    }
  }

  private void runDue() {
    for (SetStore.Due due : store.due()) {
      try {
        store.run(due);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, due.action().label() + " of " + due.key() + " failed; its updates stay in the journal", e);
      }
    }
  }

  /** Stops compacting; waits for a compaction under way to finish. */
  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(60, TimeUnit.SECONDS);
  }
}
