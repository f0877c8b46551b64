/**
 * What both faces serve, face-neutral: the HTTP face ({@code dev.sieve.http}) and the gRPC face
 * ({@code dev.sieve.grpc}) decode a request, call one {@link dev.sieve.api.Operations} method, and
 * encode the result, so their answers and errors agree by construction.
 *
 * <p>{@link dev.sieve.api.Operations} finds a set (one answer for "not restored yet",
 * "unavailable", "no such set"), looks up in it (membership batches, prefix and range pages; a
 * large batch off the event loop, on {@link dev.sieve.api.Workers#queries}; a cluster set's
 * lookups routed to its shards, which the faces never see), replaces one from a stream (load, store, figures), updates one
 * from the {@link dev.sieve.registry.UpdateBatch} its family makes ({@link
 * dev.sieve.registry.SetFamily#batch}: one decoder, one limit, one message, whether the elements
 * came as lines, JSON or gRPC), deletes, combines and exports (an {@link dev.sieve.api.ExportStream} of an
 * {@link dev.sieve.api.ExportSource}: a word set's lines, a number set's Roaring bytes, made on a
 * worker as the face's client reads), and says what the server is ({@link
 * dev.sieve.api.ServerInfo}); CPU-heavy work on {@link
 * dev.sieve.api.Workers#builds}, store writes on {@link dev.sieve.api.Workers#writes}. Beside it:
 * pages of words ({@link dev.sieve.api.WordPage}) and numbers ({@link dev.sieve.api.NumberPage}),
 * pages of fuzzy and wildcard searches ({@link dev.sieve.api.FuzzyPage} with its {@link
 * dev.sieve.api.FuzzyQuery}, {@link dev.sieve.api.MatchPage}; run by {@link
 * dev.sieve.api.Operations#fuzzy} and {@link dev.sieve.api.Operations#match} on {@link
 * dev.sieve.api.Workers#queries}),
 * the memory report ({@link dev.sieve.api.MemoryOverview}, {@link dev.sieve.api.MemoryBreakdown}),
 * argument checks ({@link
 * dev.sieve.api.Arguments}), the write token ({@link dev.sieve.api.BearerToken}) and the limits
 * ({@link dev.sieve.api.ApiLimits}).
 *
 * <p>Errors are plain exceptions each face maps to its own codes, through {@link
 * dev.sieve.api.Failure} and its stable {@link dev.sieve.api.ErrorCode}: {@link
 * dev.sieve.registry.NoSuchSetException} (404 / NOT_FOUND), {@link
 * dev.sieve.registry.SetUnavailableException} (503 / UNAVAILABLE: a set whose snapshot cannot be
 * read, or sets not restored yet), {@link IllegalArgumentException} (400 / INVALID_ARGUMENT), and
 * the ingest pipeline's {@code BadInputException} (400 / INVALID_ARGUMENT) and {@code
 * TooLargeException} (413 / RESOURCE_EXHAUSTED; a batch over {@link dev.sieve.api.ApiLimits#MAX_BATCH} too). Uses the registry, ingest, memory and the
 * structures; knows nothing of HTTP or gRPC.
 *
 * <pre>
 * ops.replace(SetKind.WORDS, "en", body, Operations.Format.LINES, OnError.FAIL);  // Future of LoadAnswer
 * ops.update(SetKind.WORDS, "en", UpdateOp.ADD, 2, i -&gt; List.of("sieve", "trie").get(i));
 * ops.containsWords("en", List.of("sieve", "siev"));              // Future of [true, false]
 * ops.prefix("en", "sieve", null, 5).map(WordPage::next);          // the cursor to pass as "after", or null at the end
 * </pre>
 */
package dev.sieve.api;
