package dev.sieve.api;

import dev.sieve.registry.CompactionPolicy;
import java.time.Instant;

/**
 * What a server says of itself ({@code GET /v1/info}): its build, how long it has run, how many
 * sets of each kind it serves, and how it keeps them.
 *
 * @param version the build's version ({@link BuildInfo})
 * @param startedAt when the JVM started
 * @param uptimeMs milliseconds since then
 * @param ready whether the stored sets are restored (and the demo sets loaded at a first start)
 * @param wordSets word sets serving now
 * @param numberSets number sets serving now
 * @param durable whether sets are kept in a data directory (else in memory only)
 * @param fsync when the journal forces an acknowledged update to disk ({@code --fsync}: {@code
 *     always}, {@code everysec}, {@code no}); {@code none} without a data directory
 * @param compaction when a set's updates are folded into a new frozen base
 */
public record ServerInfo(String version, Instant startedAt, long uptimeMs, boolean ready, int wordSets,
    int numberSets, boolean durable, String fsync, CompactionPolicy compaction) {}
