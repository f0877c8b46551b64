package dev.sieve.words;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Searches a set as it stands (base minus removed plus added) with a {@link CodePointAutomaton}:
 * the exact count of the words it accepts, and one page of them ordered by distance, then byte
 * (code point) order, strictly after a cursor.
 *
 * <p>The cursor is a word, like the cursor of prefix listing: the page resumes after {@code
 * (distance(after), after)} in that order, so the last word of a page is the cursor of the next. A
 * cursor the automaton does not accept comes after every match (the page is empty).
 *
 * <p>The base is searched by a {@link TrieSearch} (counting memoised per trie node and automaton
 * state, listing in order), and so are the pending words, kept as two small tries per version of
 * the set ({@link PendingWords}). The work is bounded by {@code budget} trie nodes entered: the
 * count walks all three tries within it (the base gets what the pending tries left), and each
 * listing walk stays within it too; past it, {@link SearchBudgetException}. CPU-bound: call it
 * off any event loop. Thread-safe (nothing is shared between calls).
 */
public final class WordSearch {
  /**
   * Trie nodes one query may enter, unless told otherwise. Measured on wamerican-insane (663,473
   * words; {@code dev.sieve.bench.SearchVisits}, docs/bench-results/fuzzy2/searchvisits-after.md,
   * a count and a page of 10): distance 2 with transpositions enters 3,210 nodes for "a", 4,627
   * for "speling", 6,221 for "internationl" (with an exact prefix of 2: 345, 307, 690); the
   * pattern {@code *ing} 126,229, {@code *a*e*i*o*u*} 132,715 (about 60-70 ms of CPU on a loaded
   * machine); {@code *} 8 and {@code c?t*} 52, their counts being the trie's own. A million is
   * then a walk of about eight such lists' tries.
   */
  public static final long DEFAULT_BUDGET = 1_000_000;

  private static final Comparator<TrieSearch.Hit> ORDER = (x, y) -> x.distance() != y.distance()
      ? Integer.compare(x.distance(), y.distance())
      : Arrays.compareUnsigned(x.utf8(), y.utf8());

  private WordSearch() {}

  /**
   * A page of matches: how many there are in the whole set, the page, whether more follow it, and
   * the trie nodes the search entered (its cost, against the budget).
   */
  public record Page(long count, List<WordMatch> matches, boolean more, long visits) {}

  /**
   * Up to {@code limit} (at least 1) matches of {@code automaton} in {@code set} after {@code
   * after} (null: from the first), and their total count.
   *
   * @throws SearchBudgetException when the search would enter more than {@code budget} trie nodes
   * @throws IllegalArgumentException if {@code after} holds an unpaired surrogate
   */
  public static Page search(WordDelta set, CodePointAutomaton automaton, String after, int limit, long budget) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    try {
      return searchWithin(set, automaton, after, limit, budget);
    } catch (SearchBudgetException e) {
      // the base's walk was given what the pending tries left: the query's budget is the whole
      throw e.budget() == budget ? e : new SearchBudgetException(budget);
    }
  }

  private static Page searchWithin(WordDelta set, CodePointAutomaton automaton, String after, int limit, long budget) {
    PendingWords pending = set.pending();
    // the pending tries first (small), then the base within what is left of the budget
    QueryDfa dfa = new QueryDfa(automaton); // the three walks share the automaton's steps
    TrieSearch.Hit cursor = null;
    if (after != null) {
      byte[] a = Utf8.bytes(after);
      cursor = new TrieSearch.Hit(a, automaton.distanceOf(a));
    }
    byte[] cursorBytes = cursor == null ? null : cursor.utf8();
    int cursorDistance = cursor == null ? -1 : cursor.distance();
    PartsSearch removedSearch = new PartsSearch(pending.removed(), dfa, budget);
    PartsSearch addedSearch = new PartsSearch(pending.added(), dfa, budget);
    removedSearch.keep(null, -1, Integer.MAX_VALUE); // every removed match is dropped from the base's
    addedSearch.keep(cursorBytes, cursorDistance, limit + 1);
    long[] removedByDistance = removedSearch.counts();
    long[] addedByDistance = addedSearch.counts();
    long pendingVisits = removedSearch.visits() + addedSearch.visits();
    long removedMatches = 0;
    for (int dist = 0; dist <= automaton.maxDistance(); dist++) {
      removedMatches += removedByDistance[dist];
    }
    // Enough base words that, once the removed ones are dropped, one more than the page remains.
    int want = (int) Math.min(Integer.MAX_VALUE - 1, limit + 1 + removedMatches);
    PartsSearch base = new PartsSearch(pending.base(), dfa, budget - pendingVisits);
    base.keep(cursorBytes, cursorDistance, want);
    long[] byDistance = base.counts();
    long count = 0;
    for (int dist = 0; dist <= automaton.maxDistance(); dist++) {
      count += byDistance[dist] - removedByDistance[dist] + addedByDistance[dist];
    }
    if (cursor != null && cursor.distance() > automaton.maxDistance()) {
      return new Page(count, List.of(), false, pendingVisits + base.visits());
    }
    // every removed match (they are dropped from the base's hits), in search order
    List<TrieSearch.Hit> removed = new ArrayList<>();
    for (int dist = 0; dist <= automaton.maxDistance(); dist++) {
      removedSearch.collect(dist, null, (int) removedMatches, removed);
    }
    List<TrieSearch.Hit> fromBase = new ArrayList<>();
    List<TrieSearch.Hit> added = new ArrayList<>();
    for (int dist = cursor == null ? 0 : cursor.distance(); dist <= automaton.maxDistance(); dist++) {
      boolean resume = cursor != null && dist == cursor.distance();
      base.collect(dist, resume ? cursor.utf8() : null, want, fromBase);
      addedSearch.collect(dist, resume ? cursor.utf8() : null, limit + 1, added);
    }
    List<TrieSearch.Hit> merged = merge(fromBase, removed, added, cursor, limit + 1);
    boolean more = merged.size() > limit;
    List<WordMatch> page = new ArrayList<>(Math.min(limit, merged.size()));
    for (int i = 0; i < merged.size() && i < limit; i++) {
      TrieSearch.Hit h = merged.get(i);
      page.add(new WordMatch(Utf8.decode(h.utf8(), 0, h.utf8().length), h.distance()));
    }
    return new Page(count, page, more, removedSearch.visits() + addedSearch.visits() + base.visits());
  }

  /** The base's hits without the removed words, merged with the added ones after the cursor; at most {@code n}. */
  private static List<TrieSearch.Hit> merge(List<TrieSearch.Hit> base, List<TrieSearch.Hit> removed,
      List<TrieSearch.Hit> added, TrieSearch.Hit cursor, int n) {
    List<TrieSearch.Hit> out = new ArrayList<>(Math.min(n, base.size() + added.size()));
    int i = 0;
    int j = 0;
    while (j < added.size() && cursor != null && ORDER.compare(added.get(j), cursor) <= 0) {
      j++;
    }
    int r = 0;
    while (out.size() < n && (i < base.size() || j < added.size())) {
      if (i < base.size() && (j == added.size() || ORDER.compare(base.get(i), added.get(j)) < 0)) {
        TrieSearch.Hit h = base.get(i++);
        while (r < removed.size() && ORDER.compare(removed.get(r), h) < 0) {
          r++;
        }
        if (r < removed.size() && ORDER.compare(removed.get(r), h) == 0) {
          continue;
        }
        out.add(h);
      } else {
        out.add(added.get(j++));
      }
    }
    return out;
  }
}
