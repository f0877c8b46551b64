package dev.sieve.registry;

/**
 * One part of a set's memory, as {@link SetFamily#parts} lists it: its name, its bytes, and for
 * number sets how many containers and values it holds ({@code count} and {@code values} are -1
 * for the arrays of a trie, which hold neither). Here rather than in {@code api} because the
 * family, which alone knows a kind's parts, lives below it.
 */
public record SetPart(String name, long count, long values, long bytes) {}
