package dev.sieve.api;

import dev.sieve.memory.JvmMemory;
import dev.sieve.memory.ProcessMemory;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetFigures;
import java.util.List;

/**
 * The memory report ({@code GET /v1/memory}, gRPC {@code Memory}): every structure's figures,
 * word sets then number sets, each by name; the JVM's memory; the process's resident set size
 * (-1 where the platform does not tell).
 */
public record MemoryOverview(List<SetFigures> structures, JvmMemory jvm, long rssBytes) {

  /** The report now. */
  public static MemoryOverview of(Registry registry) {
    return new MemoryOverview(List.copyOf(registry.figures()), JvmMemory.now(), ProcessMemory.rssBytes());
  }
}
