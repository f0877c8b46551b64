package dev.sieve.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread that takes submitted items in order and hands them to {@code commit} in groups:
 * whatever queued up while the previous group was being committed (at most {@code maxGroup}),
 * the way Redis's single thread answers every request read in one turn of its loop with one
 * write and one fsync of its append-only file. A submitter never blocks; the thread sleeps only
 * when the queue is empty, so under load one wake-up serves a whole group.
 *
 * <p>The thread is never interrupted (an interrupt closes a {@code FileChannel} the commit may be
 * writing): {@link #close} queues a marker, and the thread commits everything before it and stops.
 * Thread-safe.
 */
final class GroupCommit<T> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());
  private static final Object STOP = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Consumer<List<T>> commit;
  private final int maxGroup;
  private final Thread thread;
  private volatile boolean closed;

  GroupCommit(String threadName, int maxGroup, Consumer<List<T>> commit) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one item: " + maxGroup);
    }
    this.commit = commit;
    this.maxGroup = maxGroup;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code item}; false if the group commit is closed (the item is not taken). */
  boolean submit(T item) {
    if (closed) {
      return false;
    }
    queue.add(item);
    return true;
  }

  @SuppressWarnings("unchecked")
  private void run() {
    List<Object> taken = new ArrayList<>();
    List<T> group = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        taken.add(queue.take());
      } catch (InterruptedException e) {
        continue; // never interrupted on purpose; the marker stops the thread
      }
      queue.drainTo(taken, maxGroup - 1);
      for (Object o : taken) {
        if (o == STOP) {
          stop = true;
        } else {
          group.add((T) o);
        }
      }
      taken.clear();
      if (!group.isEmpty()) {
        try {
          commit.accept(group);
        } catch (RuntimeException | Error e) {
          LOG.log(Level.SEVERE, "a group commit failed", e); // the commit answers its items itself
        }
        group.clear();
      }
    }
  }

  /** Stops taking items and commits those queued (waiting at most 30 s for the thread to end). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a submit that saw the group commit open as it closed queued after the marker: committed here
    List<T> late = new ArrayList<>();
    for (Object o; (o = queue.poll()) != null; ) {
      if (o != STOP) {
        late.add(cast(o));
      }
    }
    if (!late.isEmpty()) {
      commit.accept(late);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
