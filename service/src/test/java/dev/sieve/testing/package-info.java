/**
 * What integration tests share: a server and its clients, written once.
 *
 * <ul>
 *   <li>{@link dev.sieve.testing.SieveServerExtension}: a Sieve server in this JVM for a test class
 *       (static field) or each test (instance field), with its own config, an optional temporary
 *       data directory and restarts on it;
 *   <li>{@link dev.sieve.testing.HttpTestClient} and {@link dev.sieve.testing.GrpcTestClient}: the
 *       one blocking HTTP client and the gRPC clients the tests talk through;
 *   <li>{@link dev.sieve.testing.ChildServer}: the one launcher of a server in a child JVM (its
 *       own heap, kill -9, a start that fails);
 *   <li>{@link dev.sieve.testing.Golden}: the golden files that pin the on-disk formats;
 *   <li>{@link dev.sieve.testing.ContractChecker}: a live HTTP answer checked against the
 *       operation of {@code /openapi.yaml} it answers (status, schema, headers).
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withToken("t"));
 *
 * @Test
 * void writesNeedTheToken() {
 *   assertEquals(401, server.http().put("/v1/words/w", "a\n").status());
 * }
 * }</pre>
 *
 * <p>Tests of the wire itself (half-sent requests, hand-framed HTTP/2, a kill in the middle of an
 * upload) keep their raw sockets or clients: what they test is below these clients.
 */
package dev.sieve.testing;
