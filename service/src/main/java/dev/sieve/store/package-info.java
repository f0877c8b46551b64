/**
 * Durable storage: snapshot files of frozen sets (written to a temporary name, fsynced, renamed),
 * and two persisted Chronicle Maps: the {@link dev.sieve.store.Catalog} of sets and the
 * {@link dev.sieve.store.Journal} of acknowledged updates not yet folded into a snapshot.
 *
 * <pre>{@code
 * SnapshotFiles files = new SnapshotFiles(dataDir.resolve("snapshots"));
 * files.write("words-en-3.trie", wordSet::writeTo);
 * WordSet back = WordSet.read(files.map("words-en-3.trie"));
 * try (Catalog catalog = Catalog.open(dataDir.resolve("catalog.dat"))) { ... }
 * }</pre>
 *
 * <p>Chronicle Map's usage analytics are switched off before any of its classes load (see
 * {@code Chronicle}); it also needs the JVM flags listed in the root pom's
 * {@code sieve.jvm.flags}. No Vert.x here: callers run these blocking calls on worker threads.
 */
package dev.sieve.store;
