/**
 * What both faces serve, face-neutral: the HTTP face ({@code dev.sieve.http}) and the gRPC face
 * ({@code dev.sieve.grpc}) decode a request, call these, and encode the result, so they cannot
 * drift apart.
 *
 * <p>Pages of words ({@link dev.sieve.api.WordPage}) and numbers ({@link dev.sieve.api.NumberPage})
 * with their cursors, set algebra stored through the {@code SetStore} ({@link
 * dev.sieve.api.SetCombiner}), the
 * figures of a set ({@link dev.sieve.registry.SetFigures}), the memory report ({@link
 * dev.sieve.api.MemoryOverview}) and one set's breakdown ({@link dev.sieve.api.MemoryBreakdown}),
 * batched lookups off the event loop ({@link dev.sieve.api.Batches}), the write token ({@link
 * dev.sieve.api.BearerToken}) and the limits ({@link dev.sieve.api.ApiLimits}).
 *
 * <p>Errors are plain exceptions each face maps to its own codes: {@link
 * dev.sieve.registry.NoSuchSetException} (404 / NOT_FOUND), {@link
 * dev.sieve.registry.SetUnavailableException} (503 / UNAVAILABLE: a set whose snapshot cannot be
 * read, or sets not restored yet), {@link IllegalArgumentException} (400 /
 * INVALID_ARGUMENT), and the ingest pipeline's {@code BadInputException} (400 / INVALID_ARGUMENT)
 * and {@code TooLargeException} (413 / RESOURCE_EXHAUSTED). Uses the registry, ingest, memory and
 * the structures' public query methods; knows nothing of HTTP or gRPC.
 *
 * <pre>
 * WordPage page = WordPage.of(registry.words().get("en").orElseThrow().set(), "sieve", null, 5);
 * page.count();   // words with the prefix in the whole set
 * page.next();    // the cursor to pass as "after" for the next page, or null at the end
 * </pre>
 */
package dev.sieve.api;
