/**
 * Where the service is in its life, for the probes and for a stop: restoring, serving, draining,
 * stopped; the requests in flight; whether an event loop still turns.
 *
 * <p>{@link dev.sieve.lifecycle.Lifecycle} is written by {@code SieveService} (restored, ready,
 * draining, stopped) and by the front of the HTTP server (a request in, a request out), and read by
 * {@code /livez}, {@code /readyz} and {@link dev.sieve.lifecycle.Drain}. A stop (SIGTERM) runs
 * {@code Drain}: readiness turns 503 at once, requests and loads get a bounded time to finish,
 * loads still running are then cut (logged as failed), and the store closes.
 *
 * <p>Uses Vert.x (timers) and the ingest package's {@code Loads}; nothing of HTTP.
 */
package dev.sieve.lifecycle;
