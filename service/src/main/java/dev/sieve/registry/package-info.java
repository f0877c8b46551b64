/**
 * The named sets and every change made to them: a {@link dev.sieve.registry.SetRegistry} per kind
 * maps names to immutable {@link dev.sieve.registry.SetVersion}s (a frozen base plus a delta of
 * small updates: {@code WordDelta}, {@code NumberDelta}), swapped atomically, so reads are
 * lock-free and never see half a batch. Writes go through the {@link dev.sieve.registry.SetStore},
 * which keeps the data directory and the registry in step (snapshot + catalog for replacements,
 * journal for updates); a {@link dev.sieve.registry.Compactor} folds deltas into new bases, or
 * merges their levels, in the background, as the {@link dev.sieve.registry.CompactionPolicy} says
 * (size ratio, age); {@link dev.sieve.registry.StoreRestore} brings everything back at start. What differs
 * between word and number sets (loading a base, decoding an update batch, applying it and its
 * baseline, snapshots, restore, replay) is
 * in one place, the {@link dev.sieve.registry.SetFamily} of each {@link dev.sieve.registry.SetKind}:
 * the store and the restore are written once over it.
 *
 * <pre>{@code
 * Registry registry = new Registry();
 * SetStore store = new SetStore(registry, dataDir, CompactionPolicy.defaults());  // null dir: memory only
 * store.restore();                                         // maps snapshots, replays the journal
 * store.replace(SetFamily.NUMBERS, "primes", primes);      // snapshot, catalog, swap
 * store.update(SetFamily.NUMBERS, "primes", UpdateOp.ADD, NumberSet.of(2_147_483_647));   // journaled, synced
 * store.find(SetFamily.NUMBERS, "primes").set().contains(7);
 * }</pre>
 *
 * <p>Uses the structures ({@code words}, {@code numbers}) and {@code store}, whose vocabulary
 * (kind names, the journal's op byte) stays behind {@code SetStore}, and ingest, whose loader
 * and line sink each family picks ({@link dev.sieve.registry.SetFamily#load}, {@link
 * dev.sieve.registry.UpdateBatch}); knows nothing of HTTP or gRPC. The store's methods block (files, Chronicle Map): call them on worker threads. A load
 * builds its set completely, then calls {@code replace}: failures before that change nothing.
 */
package dev.sieve.registry;
