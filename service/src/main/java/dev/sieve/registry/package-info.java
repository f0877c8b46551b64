/**
 * The named sets: a {@link dev.sieve.registry.SetRegistry} per kind maps names to immutable
 * {@link dev.sieve.registry.SetVersion}s, swapped atomically.
 *
 * <pre>{@code
 * Registry registry = new Registry();
 * registry.numbers().replace("primes", primes, HashSetBaseline.ofLongs(primes.cardinality()));
 * registry.numbers().get("primes").map(v -> v.set().contains(7));
 * }</pre>
 *
 * <p>Uses the structures ({@code words}, {@code numbers}); knows nothing of HTTP or ingest. A load
 * builds its set completely, then calls {@code replace}: failures before that change nothing.
 */
package dev.sieve.registry;
