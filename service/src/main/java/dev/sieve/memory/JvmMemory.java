package dev.sieve.memory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The JVM's memory figures at one instant, in bytes: heap used, committed and maximum (-1 when the
 * JVM sets no maximum), and the direct and mapped buffer pools (NIO buffers, counted by their
 * capacity as the JVM reports them).
 */
public record JvmMemory(long heapUsed, long heapCommitted, long heapMax, long direct, long mapped) {

  /** Reads the figures now, through the platform MXBeans. */
  public static JvmMemory now() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long direct = 0;
    long mapped = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if ("direct".equals(pool.getName())) {
        direct = pool.getMemoryUsed();
      } else if ("mapped".equals(pool.getName())) {
        mapped = pool.getMemoryUsed();
      }
    }
    return new JvmMemory(heap.getUsed(), heap.getCommitted(), heap.getMax(), direct, mapped);
  }
}
