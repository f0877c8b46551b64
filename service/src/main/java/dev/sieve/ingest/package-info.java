/**
 * Ingest: bodies in, sets out, streaming with backpressure.
 *
 * <p>A source ({@code ReadStream<Buffer>}: an HTTP request body, or an {@link
 * dev.sieve.ingest.InputStreamSource} over a file or resource) flows, for a gzip body, through a
 * {@link dev.sieve.ingest.GzipStream} (inflated and checked whole by a {@link
 * dev.sieve.ingest.GzipDecoder}: header, deflate data, CRC32 and ISIZE of each member), then a body
 * limit, Vert.x's {@code RecordParser} (cut at LF, line limit) and {@code pipeTo} into a {@link
 * dev.sieve.ingest.LineSink} that parses each line into a builder. {@link
 * dev.sieve.ingest.SetLoader} then builds the set on a worker thread.
 *
 * <pre>{@code
 * SetLoader loader = new SetLoader(vertx.createSharedWorkerExecutor("sieve-build"), limits, budget);
 * loader.words("en", request, OnError.FAIL)        // streamed, spilled past its share, built on a worker
 *     .onSuccess(loaded -> System.out.println(loaded.set().size() + " words, " + loaded.report().lines() + " lines"));
 * LineLoader.load(request, sink, limits, OnError.FAIL)  // any LineSink: an update batch, all lines or none
 * }</pre>
 *
 * <p>Installing what was loaded (store, registry, figures) is the caller's: {@code
 * dev.sieve.api.Operations} for both faces, through the set's {@code SetFamily}.
 *
 * <p>Every load is tracked in {@link dev.sieve.ingest.Loads} ({@code GET /v1/loads}, the metrics)
 * with its {@link dev.sieve.ingest.LoadProgress}: lines and bytes read, published once per chunk,
 * and one log line when it ends.
 *
 * <p>Uses Vert.x streams and the structures; knows nothing of routes or the registry. Errors
 * carry 1-based line numbers ({@link dev.sieve.ingest.IngestException}); CRLF line ends and empty
 * lines are handled here, once, for every kind of set.
 */
package dev.sieve.ingest;
