/**
 * Metrics: one Micrometer registry in Prometheus format per service, fed by Vert.x (HTTP request
 * counts and latency histograms per route), by the JVM binders (heap, GC, threads, CPU) and by
 * Sieve itself (bytes, elements and baseline of every set; loads running and ended).
 *
 * <p>Uses Micrometer, Vert.x's metrics SPI and the registry; knows nothing of routes beyond the
 * scrape handler. Example:
 *
 * <pre>{@code
 * PrometheusMeterRegistry meters = SieveMetrics.newMeterRegistry();
 * Vertx vertx = SieveMetrics.vertx(meters);           // HTTP metrics per route
 * SieveService.start(vertx, config, meters);           // GET /metrics serves them all
 * }</pre>
 *
 * <p>Set gauges are read when scraped ({@link dev.sieve.metrics.SieveMetrics#refresh()}), so a
 * scrape always sees the sets serving at that moment and nothing hooks the write path.
 */
package dev.sieve.metrics;
