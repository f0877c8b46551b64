package dev.sieve.numbers;

/**
 * One line of a {@link NumberSet}'s memory breakdown: how many parts of one kind (Roaring
 * containers of one type, or the index), how many values they hold, and their exact bytes.
 */
public record ContainerStats(String type, long count, long values, long bytes) {}
