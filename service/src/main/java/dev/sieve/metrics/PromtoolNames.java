package dev.sieve.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.ManagementFactory;

/**
 * The two names of Micrometer's binders that {@code promtool check metrics} rejects, put right:
 * <ul>
 *   <li>{@code process_cpu_time_ns_total} ("should not contain abbreviated units", and Prometheus
 *       wants seconds): denied, and {@code process_cpu_seconds_total} published in its place, the
 *       name every Prometheus client library uses;
 *   <li>{@code system_cpu_count} ("non-histogram and non-summary metrics should not have _count
 *       suffix"): renamed {@code system_cpus}.
 * </ul>
 */
final class PromtoolNames {
  private PromtoolNames() {}

  static final MeterFilter FILTER = new MeterFilter() {
    @Override
    public Meter.Id map(Meter.Id id) {
      return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
    }

    @Override
    public io.micrometer.core.instrument.config.MeterFilterReply accept(Meter.Id id) {
      return id.getName().equals("process.cpu.time")
          ? io.micrometer.core.instrument.config.MeterFilterReply.DENY
          : io.micrometer.core.instrument.config.MeterFilterReply.NEUTRAL;
    }
  };

  /** {@code process_cpu_seconds_total}: CPU time the JVM process used, where the JVM tells it. */
  static void bindProcessCpu(MeterRegistry meters) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        && os.getProcessCpuTime() >= 0) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time used by the process").register(meters);
    }
  }
}
