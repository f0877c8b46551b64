package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The group commit's thread: every item submitted is committed exactly once, each submitter's
 * items in the order it submitted them, groups never larger than the bound, and close commits
 * what was queued before it and refuses what comes after.
 */
class GroupCommitTest {
  @Test
  void everyItemOnceInSubmitOrderPerSubmitterInBoundedGroups() throws Exception {
    List<long[]> committed = Collections.synchronizedList(new ArrayList<>());
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<long[]> g = new GroupCommit<>("test-group-commit", 7, group -> {
      sizes.add(group.size());
      committed.addAll(group);
    });
    int threads = 4;
    int each = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long id = t;
      Thread s = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < each; i++) {
          assertTrue(g.submit(new long[] {id, i}));
        }
      });
      s.start();
      submitters.add(s);
    }
    start.countDown();
    for (Thread s : submitters) {
      s.join();
    }
    g.close();
    assertEquals(threads * each, committed.size());
    long[] next = new long[threads];
    for (long[] item : committed) {
      assertEquals(next[(int) item[0]], item[1], "submitter " + item[0] + "'s items out of order");
      next[(int) item[0]]++;
    }
    for (int size : sizes) {
      assertTrue(size >= 1 && size <= 7, "group of " + size);
    }
    assertFalse(g.submit(new long[] {0, 0}), "closed: refused");
    assertEquals(threads * each, committed.size());
  }

  @Test
  void aFailingCommitDoesNotStopTheThread() throws Exception {
    List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer> g = new GroupCommit<>("test-group-commit", 1, group -> {
      if (group.get(0) == 1) {
        throw new IllegalStateException("boom");
      }
      committed.addAll(group);
    });
    for (int i = 0; i < 3; i++) {
      g.submit(i);
    }
    g.close();
    assertEquals(List.of(0, 2), committed);
  }
}
