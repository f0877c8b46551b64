package dev.sieve.store;

import java.util.List;

/**
 * One acknowledged update of one set, as read back from the {@link Journal}: an opaque payload
 * (the registry's encoding of the elements) split into chunks, stored under sequence numbers
 * {@code firstSeq..lastSeq}.
 */
public record JournalBatch(long firstSeq, long lastSeq, String kind, String name, Op op, List<byte[]> chunks) {

  /** What the batch does to its set. */
  public enum Op {
    ADD,
    REMOVE
  }
}
