package dev.sieve.delta;

/**
 * One level of a delta as the memory report shows it: the elements it holds (flips in plus flips
 * out), its exact heap bytes, and whether a compaction is reading it ({@link Levels#seal}).
 */
public record LevelFigures(long elements, long bytes, boolean sealed) {}
