package dev.sieve.ingest;

/** A set built by a load, not yet installed anywhere: the set, and what the load read. */
public record Loaded<T>(T set, LoadReport report) {}
