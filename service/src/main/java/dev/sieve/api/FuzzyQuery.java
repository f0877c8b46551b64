package dev.sieve.api;

import dev.sieve.words.Levenshtein;

/**
 * How a fuzzy lookup forgives: at most {@code distance} edits on code points (0..2), an adjacent
 * swap counted as one edit with {@code transpositions}, the first {@code prefix} code points
 * required exactly. The constructor checks the ranges ({@link IllegalArgumentException}, 400 /
 * INVALID_ARGUMENT), with the same messages on every face.
 */
public record FuzzyQuery(int distance, boolean transpositions, int prefix) {
  /** Distance when the client names none. */
  public static final int DEFAULT_DISTANCE = 1;
  /** Most words one batched fuzzy lookup may ask about (each may cost up to a search budget). */
  public static final int MAX_BATCH = 1_000;

  public FuzzyQuery {
    if (distance < 0 || distance > Levenshtein.MAX_DISTANCE) {
      throw new IllegalArgumentException("distance must be 0.." + Levenshtein.MAX_DISTANCE + ": " + distance);
    }
    if (prefix < 0) {
      throw new IllegalArgumentException("prefix must be a natural: " + prefix);
    }
  }

  /** The query of query parameters (null: not given), as text. */
  public static FuzzyQuery parse(String distance, String transpositions, String prefix) {
    long d = Arguments.natural(distance, "distance", DEFAULT_DISTANCE);
    if (d > Levenshtein.MAX_DISTANCE) {
      throw new IllegalArgumentException("distance must be 0.." + Levenshtein.MAX_DISTANCE + ": " + distance);
    }
    // a prefix longer than any word is the whole word: capping it changes nothing
    int p = (int) Math.min(Arguments.natural(prefix, "prefix", 0), Integer.MAX_VALUE);
    return new FuzzyQuery((int) d, flag(transpositions, "transpositions"), p);
  }

  /** {@code true} or {@code false}; null is false. */
  public static boolean flag(String text, String what) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException(what + " must be true or false: " + text);
  }
}
