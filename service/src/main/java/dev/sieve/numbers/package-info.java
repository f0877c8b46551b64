/**
 * Number sets: immutable sets of naturals 0 .. 2^63-1 in Roaring bitmaps.
 *
 * <p>Build with {@link dev.sieve.numbers.NumberSetBuilder} (values and ranges in any order) or by
 * parsing upload lines with {@link dev.sieve.numbers.NumberLineParser}; query a {@link
 * dev.sieve.numbers.NumberSet} (contains, count and list over ranges); combine sets with {@link
 * dev.sieve.numbers.SetOperation}; exchange them in Roaring's portable format with {@link
 * dev.sieve.numbers.NumberSetFormat}.
 *
 * <pre>{@code
 * NumberSetBuilder b = new NumberSetBuilder();
 * NumberLineParser.parseInto(line, 0, line.length, b);   // "42" or "10-20"
 * NumberSet set = b.build();                              // run-optimized, immutable
 * set.contains(42); set.count(0, 99); set.list(0, 99, 10);  // [0, 99] inclusive
 * }</pre>
 *
 * <p>Plain Java over RoaringBitmap: no Vert.x, no I/O beyond streams handed in. Traps: a set is
 * 32-bit (one {@code RoaringBitmap}) only while all its values are below 2^32; ranges are inclusive
 * in upload lines and in the query methods (the HTTP API's [from, to) is converted at the edge).
 */
package dev.sieve.numbers;
