package dev.sieve.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.sieve.api.BearerToken;
import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ExportRequest;
import dev.sieve.proto.ListSetsRequest;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.MemoryRequest;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.RoaringChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.proto.SieveGrpcService;
import io.vertx.core.Future;
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
 * are open. Export streams its answer with backpressure ({@code pipeTo} the response).
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
    unary(server, SieveGrpcService.Contains, ContainsRequest.getDefaultInstance(), rpc::contains, false);
    unary(server, SieveGrpcService.Prefix, PrefixRequest.getDefaultInstance(), rpc::prefix, false);
    unary(server, SieveGrpcService.Range, RangeRequest.getDefaultInstance(), rpc::range, false);
    unary(server, SieveGrpcService.Stats, SetRef.getDefaultInstance(), rpc::stats, false);
    unary(server, SieveGrpcService.ListSets, ListSetsRequest.getDefaultInstance(), rpc::listSets, false);
    unary(server, SieveGrpcService.Memory, MemoryRequest.getDefaultInstance(), rpc::memory, false);
    unary(server, SieveGrpcService.Add, UpdateRequest.getDefaultInstance(), rpc::add, true);
    unary(server, SieveGrpcService.Remove, UpdateRequest.getDefaultInstance(), rpc::remove, true);
    unary(server, SieveGrpcService.Combine, CombineRequest.getDefaultInstance(), rpc::combine, true);
    unary(server, SieveGrpcService.Delete, SetRef.getDefaultInstance(), rpc::delete, true);
    unary(server, SieveGrpcService.MemoryOf, SetRef.getDefaultInstance(), rpc::memoryOf, false);
    load(server, SieveGrpcService.LoadWords, LoadChunk.getDefaultInstance(), rpc::loadWords);
    load(server, SieveGrpcService.LoadNumbers, LoadChunk.getDefaultInstance(), rpc::loadNumbers);
    load(server, SieveGrpcService.LoadRoaring, RoaringChunk.getDefaultInstance(), rpc::loadRoaring);
    server.callHandler(StrictMessages.undecoded(SieveGrpcService.Export), request -> request.handler(message -> {
      Future<ReadStream<RoaringChunk>> chunks;
      try {
        chunks = rpc.export(StrictMessages.parse(SieveGrpcService.Export, ExportRequest.getDefaultInstance(), message));
      } catch (RuntimeException e) {
        chunks = Future.failedFuture(e);
      }
      chunks.onComplete(ar -> {
        if (ar.failed()) {
          GrpcErrors.fail(request.response(), ar.cause());
        } else {
          ar.result().pipeTo(request.response()); // ends the call; a cancel just stops the pipe
        }
      });
    }));
  }

  // Messages are parsed here, not by Vert.x: a string that is not UTF-8 is then INVALID_ARGUMENT
  // naming its field (StrictMessages), not a stream reset.
  private <Q extends Message, A> void unary(GrpcServer server, ServiceMethod<Q, A> method, Q prototype,
      Function<Q, Future<A>> call, boolean write) {
    server.callHandler(StrictMessages.undecoded(method), request -> {
      if (write && refused(request)) {
        return;
      }
      request.handler(message -> answer(request, () -> call.apply(StrictMessages.parse(method, prototype, message))));
    });
  }

  private <T extends Message> void load(GrpcServer server, ServiceMethod<T, LoadSummary> method, T prototype,
      Function<ReadStream<T>, Future<LoadSummary>> call) {
    server.callHandler(StrictMessages.undecoded(method), request -> {
      if (!refused(request)) {
        answer(request, () -> call.apply(
            new CancellableStream<>(request, message -> StrictMessages.parse(method, prototype, message))));
      }
    });
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
}
