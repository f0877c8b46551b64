/**
 * The HTTP/JSON face: decode a request, call one {@code dev.sieve.api.Operations} method, encode
 * the answer. {@link dev.sieve.http.ApiRouter} builds the Vert.x Web router of every route,
 * documented in the {@code /openapi.yaml} resource: {@code SetRoutes} mounts what every kind of
 * set has (list, statistics, PUT, DELETE, add and remove), {@code WordRoutes} and {@code
 * NumberRoutes} the lookups of each kind, combine and export.
 *
 * <p>Uses Vert.x Web, {@code api}, the registry's vocabulary ({@code SetKind}, {@code UpdateOp},
 * {@code SetFigures}) and the structures' query methods; never their builders or formats, nor
 * {@code dev.sieve.store}. Conventions: errors are {@code {"error": "...", "code": "...", "line": N}}
 * ({@link dev.sieve.http.ErrorResponder}; codes from {@code api.ErrorCode}) with
 * 400/401/403/404/405/413/415/503/507; every GET route answers HEAD and a 405 carries {@code Allow}
 * ({@link dev.sieve.http.AllowedMethods}); CORS only with {@code --cors-origin} ({@code Cors});
 * upload routes stream (never a {@code BodyHandler} on them); exports are piped with backpressure
 * ({@code Exports}); nothing here picks a worker pool or blocks the event loop.
 */
package dev.sieve.http;
