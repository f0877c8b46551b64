/**
 * Load drivers run against a live server: {@link dev.sieve.load.GrpcLoadDriver} here (gRPC, which
 * no open-source Gatling plugin covers), and the Gatling simulations in the {@code loadtest/gatling} module
 * (HTTP: {@code MembershipSimulation}, {@code PrefixSimulation}, {@code BulkLoadSimulation}). All
 * take their target and data from the server, their rates and bounds from {@code sieve.*} system
 * properties, and fail on any failed call or a p99 over {@code sieve.p99Ms}.
 */
package dev.sieve.load;
