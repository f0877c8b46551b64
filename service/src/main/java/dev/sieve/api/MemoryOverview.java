package dev.sieve.api;

import dev.sieve.memory.JvmMemory;
import dev.sieve.memory.LoadBudget;
import dev.sieve.memory.ProcessMemory;
import dev.sieve.registry.CompactionStats;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory report ({@code GET /v1/memory}, gRPC {@code Memory}), the same figures for both
 * faces: every structure's figures with its snapshot's bytes, word sets then number sets, each by
 * name; the storage (catalog, journal, snapshots); the JVM's memory and the process's resident set
 * size (-1 where the platform does not tell); the load memory budget; what compactions did.
 *
 * @param durable whether the sets are kept in a data directory (else every storage figure is 0)
 * @param nonHeapCommitted the JVM's non-heap memory (metaspace, code cache), committed
 */
public record MemoryOverview(List<Structure> structures, boolean durable, SetStore.StorageBytes storage, JvmMemory jvm,
    long nonHeapCommitted, long rssBytes, LoadBudget loadMemory, CompactionStats compactions) {

  /** One set's figures and the bytes of its base's snapshot file (0 without a data directory). */
  public record Structure(SetFigures figures, long snapshotBytes) {}

  /** The report now. Blocking (sizes files): call on a worker. */
  static MemoryOverview of(Registry registry, SetStore store, LoadBudget loadMemory) throws IOException {
    List<SetFigures> figures = registry.figures();
    List<Structure> structures = new ArrayList<>(figures.size());
    for (SetFigures f : figures) {
      structures.add(new Structure(f, store.snapshotBytes(f.kind(), f.name(), f.version().version())));
    }
    return new MemoryOverview(List.copyOf(structures), store.isDurable(), store.storageBytes(), JvmMemory.now(),
        ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted(), ProcessMemory.rssBytes(),
        loadMemory, store.compactionStats());
  }

  /**
   * What the process holds by where it lives, summed, to set beside the RSS: heap and non-heap as
   * committed, NIO direct and mapped buffers (sets read their snapshots there), and Chronicle
   * Map's off-heap memory (mapped files of its own, not in the JVM's buffer pools). Committed
   * memory not yet touched is not resident, and threads and native allocations are not counted,
   * so the sum only approximates the RSS.
   */
  public long accountedBytes() {
    return jvm.heapCommitted() + nonHeapCommitted + jvm.direct() + jvm.mapped() + storage.catalogOffHeap();
  }
}
