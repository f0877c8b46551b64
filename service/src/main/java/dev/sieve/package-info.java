/**
 * Sieve: compact word sets and number sets behind HTTP and gRPC.
 *
 * <p>{@link dev.sieve.Main} parses the command line (picocli, with environment variables as
 * defaults) into a {@link dev.sieve.ServiceConfig}; {@link dev.sieve.SieveService} wires config →
 * registry → ingest → HTTP and gRPC faces on one Vert.x instance and loads the demo sets. Tests start a
 * {@code SieveService} on port 0.
 */
package dev.sieve;
