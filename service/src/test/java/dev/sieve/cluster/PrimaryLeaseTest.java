package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.registry.SetKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PrimaryLease} on a clock the test moves: the lease holds only within {@link
 * PrimaryLease#LEASE_MILLIS} of a round a quorum answered, counted from the round's sending; a new
 * term waits {@link PrimaryLease#TAKEOVER_MILLIS} from when it was first seen.
 */
class PrimaryLeaseTest {
  private long now = 1_000_000_000L;

  private PrimaryLease lease(int needed) {
    return new PrimaryLease(needed, () -> now);
  }

  private void advanceMillis(long ms) {
    now += ms * 1_000_000;
  }

  @Test
  void aClusterOfOneAlwaysHoldsIt() {
    PrimaryLease l = lease(0);
    assertTrue(l.valid());
    advanceMillis(3_600_000);
    assertTrue(l.valid());
    assertEquals(Long.MAX_VALUE, l.remainingMillis());
    assertEquals(0, l.takeoverMillis(set(3, 4, 4), 0, 4), "no other node can have been primary: no wait");
  }

  @Test
  void itHoldsFromARoundsSendingOnlyOnceEnoughMembersAnswered() {
    PrimaryLease l = lease(2);
    assertFalse(l.valid(), "no round answered yet");
    long sent = l.now();
    advanceMillis(300);
    l.answered(sent, 1);
    assertFalse(l.valid(), "one yes of the two needed");
    l.answered(sent, 2);
    assertTrue(l.valid());
    assertEquals(PrimaryLease.LEASE_MILLIS - 300, l.remainingMillis(), "counted from the sending, not the answer");
    advanceMillis(PrimaryLease.LEASE_MILLIS - 301);
    assertTrue(l.valid());
    advanceMillis(1);
    assertFalse(l.valid(), "lapsed " + PrimaryLease.LEASE_MILLIS + " ms after the round was sent");
    assertEquals(0, l.remainingMillis());
  }

  @Test
  void aLateAnswerToAnOldRoundNeverShortensIt() {
    PrimaryLease l = lease(1);
    long first = l.now();
    advanceMillis(500);
    long second = l.now();
    l.answered(second, 1);
    l.answered(first, 1); // the first round's answer came last
    advanceMillis(PrimaryLease.LEASE_MILLIS - 1);
    assertTrue(l.valid(), "the later round's lease stands");
  }

  /** Rounds answered at random moments: the lease holds at a moment exactly when the oracle says so. */
  @Test
  void itHoldsExactlyWithinTheLeaseOfTheLatestAnsweredRound() {
    Random rnd = new Random(15);
    PrimaryLease l = lease(2);
    long latest = Long.MIN_VALUE; // the oracle: the latest sending of a round that got two yes
    List<long[]> open = new ArrayList<>(); // rounds sent, not all answered: {sentAt, yes so far}
    for (int step = 0; step < 20_000; step++) {
      switch (rnd.nextInt(4)) {
        case 0 -> open.add(new long[] {l.now(), 0});
        case 1 -> {
          if (!open.isEmpty()) {
            long[] r = open.get(rnd.nextInt(open.size()));
            r[1]++;
            l.answered(r[0], (int) r[1]);
            if (r[1] >= 2) {
              latest = Math.max(latest, r[0]);
            }
          }
        }
        case 2 -> advanceMillis(rnd.nextInt(400));
        default -> {
          if (open.size() > 8) {
            open.remove(0); // a round whose answers never came
          }
        }
      }
      boolean expected = latest != Long.MIN_VALUE && now - latest < PrimaryLease.LEASE_MILLIS * 1_000_000;
      assertEquals(expected, l.valid(), "step " + step);
    }
  }

  @Test
  void aNewTermWaitsFromWhenItWasFirstSeen() {
    PrimaryLease l = lease(1);
    ShardedSet loaded = set(7, 0, 0);
    assertEquals(0, l.takeoverMillis(loaded, 0, 0), "a load's term: no other primary before it");
    ShardedSet failedOver = set(7, 1, 0);
    l.seen(failedOver);
    advanceMillis(1_000);
    assertEquals(PrimaryLease.TAKEOVER_MILLIS - 1_000, l.takeoverMillis(failedOver, 0, 1));
    assertEquals(0, l.takeoverMillis(failedOver, 1, 0), "the other shard kept its primary");
    l.seen(failedOver); // seen again: still timed from the first time
    advanceMillis(PrimaryLease.TAKEOVER_MILLIS - 1_000);
    assertEquals(0, l.takeoverMillis(failedOver, 0, 1));
    ShardedSet again = set(7, 2, 0);
    l.seen(again);
    assertEquals(PrimaryLease.TAKEOVER_MILLIS, l.takeoverMillis(again, 0, 2), "a later term waits anew");
    assertEquals(0, l.takeoverMillis(failedOver, 0, 1), "an older term than one seen: refused elsewhere, no wait");
  }

  @Test
  void aTermNotSeenBeforeItsFirstUpdateWaitsFromThatUpdate() {
    PrimaryLease l = lease(1);
    ShardedSet s = set(9, 3, 3);
    assertEquals(PrimaryLease.TAKEOVER_MILLIS, l.takeoverMillis(s, 1, 3));
    advanceMillis(PrimaryLease.TAKEOVER_MILLIS);
    assertEquals(0, l.takeoverMillis(s, 1, 3));
  }

  @Test
  void aNewVersionReplacesTheOldOnesTermsAndAnOlderOneIsIgnored() {
    PrimaryLease l = lease(1);
    l.seen(set(5, 2, 0));
    advanceMillis(PrimaryLease.TAKEOVER_MILLIS);
    ShardedSet reloaded = set(6, 2, 0);
    l.seen(reloaded); // a set loaded anew at term 2 (after a recovery, say): timed from now
    assertEquals(PrimaryLease.TAKEOVER_MILLIS, l.takeoverMillis(reloaded, 0, 2));
    l.seen(set(5, 4, 0)); // the old version's entry, heard late
    assertEquals(PrimaryLease.TAKEOVER_MILLIS, l.takeoverMillis(reloaded, 0, 2));
    l.forget(SetKind.WORDS, "w");
    advanceMillis(1_000);
    assertEquals(PrimaryLease.TAKEOVER_MILLIS, l.takeoverMillis(reloaded, 0, 2), "forgotten: seen anew");
  }

  @Test
  void aNegativeQuorumIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> lease(-1));
  }

  /** Words set "w" at {@code version}, two shards at terms {@code t0} and {@code t1}. */
  private static ShardedSet set(long version, long t0, long t1) {
    List<ShardedSet.Shard> shards = List.of(
        new ShardedSet.Shard(0, "", "m", List.of("a", "b"), "c0", 10, 100, t0),
        new ShardedSet.Shard(1, "m", null, List.of("b", "a"), "c1", 10, 100, t1));
    return new ShardedSet(SetKind.WORDS, "w", version, null, shards);
  }
}
