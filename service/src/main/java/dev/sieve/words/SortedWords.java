package dev.sieve.words;

/**
 * A cursor over words in ascending unsigned byte order, duplicates allowed: the input of a
 * {@link RunMerge}. After {@code next()} returned true, the current word is {@code
 * bytes()[offset(), offset()+length())}, valid until the next call. Single-threaded.
 */
interface SortedWords {
  /** Moves to the next word; false at the end. */
  boolean next();

  byte[] bytes();

  int offset();

  int length();
}
