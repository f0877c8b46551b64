package dev.sieve.store;

/**
 * One acknowledged update of one set, as read back from the {@link Journal}: its sequence number,
 * its set, what it does, and an opaque payload (the registry's encoding of the elements).
 */
public record JournalBatch(long seq, String kind, String name, Op op, byte[] payload) {

  /** What the batch does to its set; the ordinal is the op byte on disk. */
  public enum Op {
    ADD,
    REMOVE
  }
}
