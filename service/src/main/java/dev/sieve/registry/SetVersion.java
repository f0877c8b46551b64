package dev.sieve.registry;

import java.time.Instant;

/**
 * One immutable version of a named set: the set itself (immutable too), its version number
 * (increasing across the registry, so a replacement is always visible as a new number), when it
 * was installed, and the bytes a {@code HashSet} of the same elements would take, computed once at
 * load time.
 */
public record SetVersion<T>(String name, T set, long version, Instant loadedAt, long baselineBytes) {}
