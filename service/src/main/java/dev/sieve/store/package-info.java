/**
 * Durable storage: {@link dev.sieve.store.Snapshots} of frozen sets (the trie's own format, Roaring's
 * portable format; written by {@link dev.sieve.store.SnapshotFiles} to a temporary name, fsynced,
 * renamed), and two persisted Chronicle Maps: the {@link dev.sieve.store.Catalog} of sets and the
 * {@link dev.sieve.store.Journal} of acknowledged updates not yet folded into a snapshot; {@link
 * dev.sieve.store.DataDir} says where each lives in a data directory.
 *
 * <pre>{@code
 * Snapshots snapshots = new Snapshots(dataDir.resolve("snapshots"));
 * Snapshots.Written w = snapshots.writeWords("en", 3, wordSet);     // words-656e-3.trie
 * WordSet back = snapshots.readWords(w.file());                    // mapped, checksummed, one copy
 * try (Catalog catalog = Catalog.open(dataDir.resolve("catalog.cm3"))) { ... }
 * }</pre>
 *
 * <p>Chronicle Map's usage analytics are switched off before any of its classes load (see
 * {@code Chronicle}); it also needs the JVM flags listed in the root pom's
 * {@code sieve.jvm.flags}. No Vert.x here: callers run these blocking calls on worker threads.
 * Set names never appear in file names as such ({@code .} and {@code ..} are valid set names).
 * A full disk is a {@link dev.sieve.store.NoSpaceException} naming what was being written; a
 * catalog or journal file that is not what it should be, a {@link dev.sieve.store.DamagedFileException}
 * naming the file; a journal record that does not decode is reported by {@code Journal.replay}
 * with its set, when it still names one.
 */
package dev.sieve.store;
