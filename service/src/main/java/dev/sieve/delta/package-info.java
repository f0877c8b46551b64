/**
 * The tiering shared by the two delta types ({@code words.WordDelta}, {@code numbers.NumberDelta}):
 * an immutable stack of levels, each the membership flips of one or more consecutive update
 * batches, merged geometrically so an element is copied O(log delta) times however many batches
 * come. Plain Java, no I/O; the level types themselves live with their structures.
 *
 * <pre>{@code
 * Levels<WordLevel> levels = Levels.<WordLevel>empty().push(batchFlips);   // a new version
 * for (int i = levels.count() - 1; i >= 0; i--) levels.get(i) ...             // newest first
 * }</pre>
 */
package dev.sieve.delta;
