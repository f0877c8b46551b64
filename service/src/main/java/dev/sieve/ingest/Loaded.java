package dev.sieve.ingest;

/**
 * A set built by a load, not yet installed anywhere: the set, what the load read, and the bytes a
 * {@code HashSet} of the same elements would take.
 */
public record Loaded<T>(T set, LoadReport report, long baselineBytes) {}
