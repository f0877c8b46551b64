/**
 * The gRPC face ({@code sieve.v1.Sieve}, {@code proto/src/main/proto/sieve.proto}): decode a
 * request, call the same {@code dev.sieve.api.Operations} as the HTTP face, encode the answer. Served on the HTTP port: {@link dev.sieve.grpc.GrpcFace#beside}
 * sends requests with {@code Content-Type: application/grpc*} (HTTP/2, h2c) here, the rest to the
 * HTTP router. The reflection service is on, so grpcurl-style tools can list the API.
 *
 * <p>{@link dev.sieve.grpc.SieveRpc} implements the generated {@code Sieve} interface; {@link
 * dev.sieve.grpc.SieveBinding} binds it with the write guard (metadata {@code authorization:
 * Bearer <token>}); {@link dev.sieve.grpc.GrpcErrors} maps failures to statuses
 * (INVALID_ARGUMENT with the line, NOT_FOUND, UNAUTHENTICATED, RESOURCE_EXHAUSTED). Loads are
 * client streams: {@link dev.sieve.grpc.ChunkBytes} turns the chunks into the byte stream the
 * loader reads, with backpressure, and {@link dev.sieve.grpc.CancellableStream} makes a cancelled
 * call fail the load, so nothing is installed. Messages are decoded by {@link
 * dev.sieve.grpc.StrictMessages} rather than by Vert.x (a {@code grpc-encoding: gzip} message is
 * checked whole, like an HTTP gzip body), and {@link dev.sieve.grpc.WholeFrames} fails a call whose
 * body ends inside a message. Export and ExportWords are server streams of the core's pieces
 * ({@link dev.sieve.api.ExportStream}, made on a worker as the client reads). Every error carries
 * the trailer {@code sieve-error-code}, HTTP's error {@code code}. Imports neither the structures' builders and formats nor {@code
 * dev.sieve.store}.
 *
 * <pre>
 * GrpcClient client = GrpcClient.client(vertx);
 * SieveGrpcClient sieve = SieveGrpcClient.create(client, SocketAddress.inetSocketAddress(8080, "localhost"));
 * sieve.contains(ContainsRequest.newBuilder()
 *     .setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName("en"))
 *     .addWords("sieve").build());   // Future of ContainsResponse, present = [true]
 * </pre>
 */
package dev.sieve.grpc;
