/**
 * Word sets as interned tries: immutable, compact, thread-safe sets of UTF-8 words.
 *
 * <p>A {@link dev.sieve.words.WordSet} is one or more tries ({@code Trie}), each a minimal
 * acyclic automaton (DAFSA) over a consecutive range of the byte order: shared prefixes and shared
 * suffixes are each stored once, runs of single-child nodes are packed as label bytes ("chains"),
 * and branching nodes carry their word count, so prefix counts and rank/word conversions (each
 * word's canonical id is its rank) cost O(length). Most sets are one trie; the builder starts a new
 * one once its automaton passes {@link dev.sieve.words.WordSetBuilder#PART_BYTES}, so a build's heap
 * is bounded whatever the number of words (see {@link dev.sieve.words.WordSet}). A trie's bytes
 * live in pages of 1 GiB addressed by {@code long} offsets ({@code TrieBytes}: one heap array or
 * one mapping below 1 GiB, several past it, so a trie has no 2 GB ceiling), written to disk and read
 * back as is: format v3 (64-bit counts, next flags, three tiers of hot targets; see {@code Trie}
 * and {@code NodeLayout}), v4 for a trie past v3's 1 GiB limit (64-bit target codes and hot
 * offsets), v5 for a set of several tries ({@code PartsFormat}: their v3 files one after the
 * other); files of v2 are still read, in place, and a golden file of each version in the tests
 * keeps it so.
 *
 * <pre>{@code
 * WordSetBuilder b = new WordSetBuilder();          // sorted input: streams, memory ~ automaton
 * for (String w : List.of("car", "cart", "cat")) b.add(w);
 * WordSet s = b.build();
 * s.contains("cart");              // true
 * s.count("ca");                   // 3
 * s.list("ca", "car", 10);         // [cart, cat]
 * s.rank("cat");                   // 2
 *
 * WordDelta live = WordDelta.of(s);                // the set plus pending updates
 * WordSearch.search(live, Levenshtein.of("cst", 1, true, 0), null, 10, WordSearch.DEFAULT_BUDGET);
 *                                  // count 1: cat at distance 1 (by distance, then byte order)
 * WordSearch.search(live, Wildcard.parse("ca?"), null, 10, WordSearch.DEFAULT_BUDGET);   // car, cat
 *
 * WordSetCollector c = new WordSetCollector();      // any order, duplicates: sorted for you
 * WordSetCollector big = new WordSetCollector(256L << 20, spillDir);
 *                                  // past 256 MiB: sorted runs spill to spillDir, merged at build()
 * }</pre>
 *
 * <p>Updates go beside a frozen set: {@link dev.sieve.words.WordDelta} keeps them in levels
 * ({@code dev.sieve.delta.Levels} of {@code WordLevel}s, flat {@code ByteStrings}) merged
 * geometrically, and {@code compact()} folds them into a new {@code WordSet}.
 *
 * <p>Searches ({@link dev.sieve.words.WordSearch}) run a {@link dev.sieve.words.CodePointAutomaton}
 * (a {@link dev.sieve.words.Levenshtein} word, a {@link dev.sieve.words.Wildcard} pattern) along
 * the trie's arcs, decoded into code points, once per (node, state) pair ({@code TrieSearch}),
 * within a budget of nodes entered; they add nothing to a set.
 *
 * <p>Traps: order is unsigned UTF-8 byte order (code point order), not {@code String.compareTo}
 * (UTF-16 order) — they differ for characters above U+FFFF. The builder takes bytes as given;
 * validating UTF-8 belongs to the caller (the ingest pipeline). This package uses no framework;
 * its only I/O is the streams handed to it and the collector's temporary run files (in the
 * directory it is given, removed by {@code build} and {@code close}; see {@link SpillFiles}).
 */
package dev.sieve.words;
