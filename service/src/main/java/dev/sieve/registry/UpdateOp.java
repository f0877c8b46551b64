package dev.sieve.registry;

/**
 * The verb of an update: add elements to a set, or remove them. The API's word (path segment
 * {@code add}/{@code remove}, answer field {@code added}/{@code removed}); the journal keeps its
 * own op byte, mapped by {@link SetStore}.
 */
public enum UpdateOp {
  ADD,
  REMOVE;

  /** The last path segment of the update's route: {@code add} or {@code remove}. */
  public String path() {
    return this == ADD ? "add" : "remove";
  }

  /** The answer's field counting the elements whose membership changed: {@code added} or {@code removed}. */
  public String changed() {
    return this == ADD ? "added" : "removed";
  }
}
