/**
 * How Sieve logs: java.util.logging (no logging library in the jar), one line per record on
 * standard error, as text ({@code time level logger message requestId=...}) or as one JSON object
 * per line ({@code --log-format json}); and the id of the request a line was logged for.
 *
 * <p>A request's id lives in its Vert.x context ({@link dev.sieve.logging.RequestContext}, a
 * context local: each HTTP request and gRPC call runs on a duplicated context of its own, which
 * follows it through its callbacks and into {@code executeBlocking}), and the formatters read it
 * from the thread that logs, so every line logged while serving a request carries its id, whoever
 * logs it (Sieve, Vert.x, Netty). Uses Vert.x only for the context and its JSON encoder.
 */
package dev.sieve.logging;
