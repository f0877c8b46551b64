package dev.sieve.testing;

import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.SieveGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.Iterator;
import java.util.List;

/**
 * The gRPC clients of the tests, for one server: the generated {@link SieveGrpcClient} ({@link
 * #sieve}), and calls that also show the status, message and trailers of a failed call and can send
 * metadata (the generated client does neither). Messages up to 64 MiB, as the server allows.
 */
public final class GrpcTestClient implements AutoCloseable {
  public final Vertx vertx;
  public final GrpcClient client;
  public final SocketAddress address;
  public final SieveGrpcClient sieve;

  public GrpcTestClient(Vertx vertx, int port) {
    this(vertx, port, GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(64L << 20)));
  }

  private GrpcTestClient(Vertx vertx, int port, GrpcClient client) {
    this.vertx = vertx;
    this.client = client;
    this.address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
    this.sieve = SieveGrpcClient.create(client, address);
  }

  /**
   * A client whose HTTP/2 connections use {@code http} (over TLS: {@code setSsl(true)}, {@code
   * setUseAlpn(true)} and the trust options of the server's certificate).
   */
  public GrpcTestClient(Vertx vertx, int port, io.vertx.core.http.HttpClientOptions http) {
    this(vertx, port, GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(64L << 20),
        new io.vertx.core.http.HttpClientOptions(http).setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)));
  }

  public int port() {
    return address.port();
  }

  /** How a call ended: its status, message and trailers (with the headers), the answer when OK. */
  public record Outcome<A>(GrpcStatus status, String message, MultiMap trailers, A answer) {
    public A ok() {
      if (status != GrpcStatus.OK) {
        throw new AssertionError("expected OK, got " + status + ": " + message);
      }
      return answer;
    }
  }

  /** A unary call, with {@code authorization: Bearer <token>} when {@code token} is not null. */
  public <Q, A> Outcome<A> call(ServiceMethod<A, Q> method, Q request, String token) {
    return stream(method, List.of(request).iterator(), token);
  }

  /** A client-streaming call sending {@code messages}, with backpressure (writeQueueFull/drain). */
  public <Q, A> Outcome<A> stream(ServiceMethod<A, Q> method, Iterator<Q> messages, String token) {
    return client.request(address, method).compose(request -> {
      if (token != null) {
        request.headers().set("authorization", "Bearer " + token);
      }
      Promise<Outcome<A>> outcome = Promise.promise();
      request.response().onComplete(ar -> {
        if (ar.failed()) {
          outcome.tryFail(ar.cause());
          return;
        }
        var response = ar.result();
        response.last().onComplete(last -> {
          // a call failing before any answer is "trailers-only": its trailers come as headers
          MultiMap trailers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers()).addAll(response.trailers());
          outcome.tryComplete(new Outcome<>(response.status(), response.statusMessage(), trailers,
              last.succeeded() ? last.result() : null));
        });
      });
      send(request, messages, outcome.future());
      return outcome.future();
    }).await();
  }

  private static <Q> void send(GrpcClientRequest<Q, ?> request, Iterator<Q> messages, Future<?> answered) {
    while (messages.hasNext() && !answered.isComplete()) {
      if (request.writeQueueFull()) {
        request.drainHandler(v -> send(request, messages, answered));
        return;
      }
      request.write(messages.next());
    }
    if (!answered.isComplete()) {
      request.end();
    }
  }

  /** A load through the generated client's streaming method. */
  public LoadSummary loadWithGeneratedClient(boolean words, List<LoadChunk> chunks) {
    Promise<io.vertx.core.streams.WriteStream<LoadChunk>> opened = Promise.promise();
    Future<LoadSummary> summary = words ? sieve.loadWords(opened) : sieve.loadNumbers(opened);
    opened.future().onSuccess(stream -> {
      for (LoadChunk chunk : chunks) {
        stream.write(chunk);
      }
      stream.end();
    });
    return summary.await();
  }

  @Override
  public void close() {
    client.close().await();
  }
}
