package dev.sieve.words;

/** A word a search found, and its distance (edits, for a fuzzy lookup; 0 for a pattern). */
public record WordMatch(String word, int distance) {}
