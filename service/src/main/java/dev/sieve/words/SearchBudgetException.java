package dev.sieve.words;

/**
 * A search over a trie gave up: it would have visited more trie nodes than its budget allows
 * (a pathological pattern such as {@code *a*b*c*d*e*} on a large set, or a fuzzy lookup of a
 * very short word with a large distance). Nothing is wrong with the set; the query needs narrowing.
 */
public final class SearchBudgetException extends RuntimeException {
  private final long budget;

  public SearchBudgetException(long budget) {
    super("the query needs more than " + budget + " trie node visits, its budget: narrow it"
        + " (a lower distance, a longer required prefix, fewer wildcards or more literal code points)", null, false, false);
    this.budget = budget;
  }

  /** The node visits the query was allowed. */
  public long budget() {
    return budget;
  }
}
