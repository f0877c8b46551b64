/**
 * Durable storage: {@link dev.sieve.store.Snapshots} of frozen sets (the trie's own format, Roaring's
 * portable format; written by {@link dev.sieve.store.SnapshotFiles} to a temporary name, fsynced,
 * renamed), the {@link dev.sieve.store.Catalog} of sets (a persisted Chronicle Map), and the
 * {@link dev.sieve.store.Journal} of acknowledged updates not yet folded into a snapshot: an
 * append-only log of CRC32C-checked records in segment files ({@link dev.sieve.store.JournalFormat}),
 * written through {@link dev.sieve.store.JournalFile} and synced as {@link dev.sieve.store.FsyncPolicy}
 * says, with group commit. {@link dev.sieve.store.LegacyJournal} reads the Chronicle Map journal of
 * earlier builds once, to move it into the new one. {@link dev.sieve.store.DataDir} says where each
 * lives in a data directory.
 *
 * <pre>{@code
 * Snapshots snapshots = new Snapshots(dataDir.resolve("snapshots"));
 * Snapshots.Written w = snapshots.writeWords("en", 3, wordSet);     // words-656e-3.trie
 * WordSet back = snapshots.readWords(w.file());                    // mapped, checksummed, read in place
 * try (Journal journal = Journal.open(DataDir.journal(dataDir), Journal.Options.defaults())) {
 *   journal.replay(batch -> ...);                                  // every record, in order
 *   Journal.Appended a = journal.append("words", "en", JournalBatch.Op.ADD, payload);
 *   a.durable().join();                                            // once a force covered it
 *   journal.release("words", "en", a.seq());                       // folded: its segment may go
 * }
 * }</pre>
 *
 * <p>Chronicle Map's usage analytics are switched off before any of its classes load (see
 * {@code Chronicle}); it also needs the JVM flags listed in the root pom's
 * {@code sieve.jvm.flags}. No Vert.x here: callers run these blocking calls on worker threads
 * (a journal's durability future completes on its sync thread).
 * Set names never appear in file names as such ({@code .} and {@code ..} are valid set names).
 * A full disk is a {@link dev.sieve.store.NoSpaceException} naming what was being written; a
 * catalog or journal file that is not what it should be, a {@link dev.sieve.store.DamagedFileException}
 * naming the file (and, for a journal record, its byte offset).
 */
package dev.sieve.store;
