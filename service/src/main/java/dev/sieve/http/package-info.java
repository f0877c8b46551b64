/**
 * The HTTP/JSON face: decode a request, call the registry or the ingest pipeline, encode the
 * answer. {@link dev.sieve.http.ApiRouter} builds the Vert.x Web router of every route, documented
 * in the {@code /openapi.yaml} resource.
 *
 * <p>Uses Vert.x Web, the registry, ingest and the structures' public query methods; knows nothing
 * of trie nodes or Roaring containers. Conventions: errors are {@code {"error": "...", "line": N}}
 * with 400/401/404/413/415; upload routes stream (never a {@code BodyHandler} on them); anything
 * CPU-heavy (builds, combines, exports) runs on the worker executor, never on the event loop.
 */
package dev.sieve.http;
