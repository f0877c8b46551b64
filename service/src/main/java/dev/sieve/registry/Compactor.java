package dev.sieve.registry;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background compaction: one daemon thread that, every so often and whenever a set reaches its
 * update limit, folds the due sets' deltas into new frozen bases ({@link SetStore#compact}). One
 * compaction at a time, so it takes at most one core from the readers, who are never blocked.
 */
public final class Compactor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Compactor.class.getName());

  private final SetStore store;
  private final ScheduledExecutorService thread;

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

  /** Asks for a pass over the due sets soon (an update just reached the limit). */
  public void nudge() {
    try {
      thread.execute(this::runDue);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down
    }
  }

  private void runDue() {
    for (String key : store.due()) {
      try {
        store.compact(key);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "compaction of " + key + " failed; its updates stay in the journal", e);
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
