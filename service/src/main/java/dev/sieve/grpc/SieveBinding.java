package dev.sieve.grpc;

import com.google.protobuf.Descriptors;
import dev.sieve.api.ApiLimits;
import dev.sieve.api.BearerToken;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.SieveGrpcService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Binds {@link SieveRpc} to a {@link GrpcServer} as {@code sieve.v1.Sieve}, with the write guard:
 * writes (LoadWords, LoadNumbers, LoadRoaring, Add, Remove, Combine, Delete) without the metadata {@code
 * authorization: Bearer <token>} end UNAUTHENTICATED before any of their messages is read. Reads
 * are open. Export and ExportWords stream their answers with backpressure (piped to the response).
 *
 * <p>Bound by hand rather than through the generated {@code SieveGrpcService}, whose handlers
 * never see the call's metadata; the generated method descriptors and service descriptor are
 * used, so reflection lists the service as the {@code .proto} declares it.
 */
final class SieveBinding implements Service {
  private final SieveRpc rpc;
  private final BearerToken token;

  SieveBinding(SieveRpc rpc, BearerToken token) {
    this.rpc = rpc;
    this.token = token;
  }

  @Override
  public ServiceName name() {
    return SieveGrpcService.SERVICE_NAME;
  }

  @Override
  public Descriptors.ServiceDescriptor descriptor() {
    return SieveGrpcService.SERVICE_DESCRIPTOR;
  }

  @Override
  public void bind(GrpcServer server) {
    unary(server, SieveGrpcService.Contains, rpc::contains, false);
    unary(server, SieveGrpcService.Prefix, rpc::prefix, false);
    unary(server, SieveGrpcService.Range, rpc::range, false);
    unary(server, SieveGrpcService.Fuzzy, rpc::fuzzy, false);
    unary(server, SieveGrpcService.Match, rpc::match, false);
    unary(server, SieveGrpcService.Stats, rpc::stats, false);
    unary(server, SieveGrpcService.ListSets, rpc::listSets, false);
    unary(server, SieveGrpcService.Memory, rpc::memory, false);
    unary(server, SieveGrpcService.Add, rpc::add, true);
    unary(server, SieveGrpcService.Remove, rpc::remove, true);
    unary(server, SieveGrpcService.Combine, rpc::combine, true);
    unary(server, SieveGrpcService.Delete, rpc::delete, true);
    unary(server, SieveGrpcService.MemoryOf, rpc::memoryOf, false);
    unary(server, SieveGrpcService.Cluster, rpc::cluster, false);
    load(server, SieveGrpcService.LoadWords, rpc::loadWords);
    load(server, SieveGrpcService.LoadNumbers, rpc::loadNumbers);
    load(server, SieveGrpcService.LoadRoaring, rpc::loadRoaring);
    serverStream(server, SieveGrpcService.Export, rpc::export);
    serverStream(server, SieveGrpcService.ExportWords, rpc::exportWords);
  }

  /**
   * A call answered by a stream of messages, piped with backpressure; a failure before the first
   * message is the call's status, one midway too (never a clean end after a partial answer).
   */
  private <Q, A> void serverStream(GrpcServer server, ServiceMethod<Q, A> method, Function<Q, Future<ReadStream<A>>> call) {
    server.callHandler(method, request -> request.messageHandler(strict(request, method, message -> {
      Future<ReadStream<A>> messages;
      try {
        messages = call.apply(message);
      } catch (RuntimeException e) {
        messages = Future.failedFuture(e);
      }
      messages.onComplete(ar -> {
        if (ar.failed()) {
          GrpcErrors.fail(request.response(), ar.cause());
        } else {
          // a cancel by the client fails the pipe's writes, and fail() then finds the call ended
          ar.result().pipe().endOnFailure(false).to(request.response())
              .onFailure(failure -> GrpcErrors.fail(request.response(), failure));
        }
      });
    })));
  }

  private <Q, A> void unary(GrpcServer server, ServiceMethod<Q, A> method, Function<Q, Future<A>> call, boolean write) {
    server.callHandler(method, request -> {
      if (write && refused(request)) {
        return;
      }
      request.messageHandler(strict(request, method, message -> answer(request, () -> call.apply(message))));
      request.exceptionHandler(failure -> {
        if (failure instanceof IllegalArgumentException) { // the body ended inside its message (WholeFrames)
          GrpcErrors.fail(request.response(), failure);
        }
      });
    });
  }

  private <T> void load(GrpcServer server, ServiceMethod<T, LoadSummary> method,
      Function<ReadStream<T>, Future<LoadSummary>> call) {
    server.callHandler(method, request -> {
      if (!refused(request)) {
        answer(request, () -> call.apply(new CancellableStream<>(request, method.decoder(), inputType(method),
            ApiLimits.MAX_REQUEST_BYTES)));
      }
    });
  }

  /**
   * The message handler of a unary call: decodes strictly ({@link StrictMessages}), ends the call
   * with the status of a message that does not decode.
   */
  private static <Q> StrictMessages<Q> strict(GrpcServerRequest<Q, ?> request, ServiceMethod<Q, ?> method, Handler<Q> then) {
    return new StrictMessages<>(method.decoder(), inputType(method), ApiLimits.MAX_REQUEST_BYTES, then,
        failure -> GrpcErrors.fail(request.response(), failure));
  }

  /** Ends the call UNAUTHENTICATED, and returns true, unless its metadata holds the token. */
  private boolean refused(GrpcServerRequest<?, ?> request) {
    if (token.admits(request.headers().get("authorization"))) {
      return false;
    }
    GrpcErrors.fail(request.response(), new StatusException(GrpcStatus.UNAUTHENTICATED, BearerToken.REFUSED));
    return true;
  }

  private static <A> void answer(GrpcServerRequest<?, A> request, Supplier<Future<A>> call) {
    Future<A> answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      if (ar.failed()) {
        if (!(ar.cause() instanceof ClientGoneException)) {
          GrpcErrors.fail(request.response(), ar.cause());
        }
        return;
      }
      try {
        request.response().end(ar.result());
      } catch (IllegalStateException cancelled) {
        // the client cancelled the call meanwhile: nobody to answer
      }
    });
  }

  /** The request type of {@code method}, as the {@code .proto} declares it (for naming bad fields). */
  private static Descriptors.Descriptor inputType(ServiceMethod<?, ?> method) {
    return SieveGrpcService.SERVICE_DESCRIPTOR.findMethodByName(method.methodName()).getInputType();
  }
}
