package dev.sieve.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.sieve.api.ApiLimits;
import dev.sieve.api.Arguments;
import dev.sieve.api.ExportSource;
import dev.sieve.api.ExportStream;
import dev.sieve.api.FuzzyQuery;
import dev.sieve.api.Operations;
import dev.sieve.ingest.OnError;
import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ContainsResponse;
import dev.sieve.proto.DeleteResponse;
import dev.sieve.proto.ExportRequest;
import dev.sieve.proto.FuzzyRequest;
import dev.sieve.proto.FuzzyResponse;
import dev.sieve.proto.Kind;
import dev.sieve.proto.ListSetsRequest;
import dev.sieve.proto.ListSetsResponse;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.MemoryBreakdown;
import dev.sieve.proto.MemoryReport;
import dev.sieve.proto.MatchRequest;
import dev.sieve.proto.MatchResponse;
import dev.sieve.proto.MemoryRequest;
import dev.sieve.proto.NumberRange;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.PrefixResponse;
import dev.sieve.proto.RangeRequest;
import dev.sieve.proto.RangeResponse;
import dev.sieve.proto.RoaringChunk;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SetStats;
import dev.sieve.proto.Sieve;
import dev.sieve.proto.UpdateRequest;
import dev.sieve.proto.UpdateResponse;
import dev.sieve.proto.WordChunk;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.UpdateOp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sieve's gRPC service ({@code sieve.v1.Sieve}): decodes each request, calls the same {@link
 * Operations} as the HTTP face, encodes the answer, so the two faces' answers and errors agree.
 * Failures are the exceptions {@link GrpcErrors} maps to statuses. Authorization is checked before
 * these methods run ({@link SieveBinding}). Call on a Vert.x context.
 */
final class SieveRpc implements Sieve {
  private final Vertx vertx;
  private final Operations ops;

  SieveRpc(Vertx vertx, Operations ops) {
    this.vertx = vertx;
    this.ops = ops;
  }

  // --- reads ---

  @Override
  public Future<ContainsResponse> contains(ContainsRequest request) {
    SetKind kind = kind(request.getSet().getKind());
    String name = Arguments.name(request.getSet().getName());
    Future<List<Boolean>> present;
    if (kind == SetKind.WORDS) {
      if (request.getNumbersCount() > 0) {
        throw new IllegalArgumentException("numbers are for number sets: ask a word set for words");
      }
      present = ops.containsWords(name, request.getWordsList());
    } else {
      if (request.getWordsCount() > 0) {
        throw new IllegalArgumentException("words are for word sets: ask a number set for numbers");
      }
      long[] numbers = new long[request.getNumbersCount()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = Arguments.natural(request.getNumbers(i), "numbers[" + i + "]");
      }
      present = ops.containsNumbers(name, numbers);
    }
    return present.map(p -> ContainsResponse.newBuilder().addAllPresent(p).build());
  }

  @Override
  public Future<PrefixResponse> prefix(PrefixRequest request) {
    String after = request.hasAfter() ? request.getAfter() : null;
    return ops.prefix(Arguments.name(request.getSet()), request.getPrefix(), after, Arguments.limit(request.getLimit()))
        .map(Replies::prefix);
  }

  @Override
  public Future<FuzzyResponse> fuzzy(FuzzyRequest request) {
    String name = Arguments.name(request.getSet());
    FuzzyQuery query = new FuzzyQuery(request.hasDistance() ? unsigned(request.getDistance()) : FuzzyQuery.DEFAULT_DISTANCE,
        request.getTranspositions(), unsigned(request.getPrefix()));
    String after = request.hasAfter() ? request.getAfter() : null;
    return ops.fuzzy(name, request.getWordsList(), query, after, Arguments.limit(request.getLimit())).map(Replies::fuzzy);
  }

  @Override
  public Future<MatchResponse> match(MatchRequest request) {
    String name = Arguments.name(request.getSet());
    String after = request.hasAfter() ? request.getAfter() : null;
    return ops.match(name, request.getPattern(), after, Arguments.limit(request.getLimit())).map(Replies::match);
  }

  /** A uint32 as an int; above 2^31-1 it reads negative, and is refused as such by the range check. */
  private static int unsigned(int uint32) {
    return uint32 < 0 ? Integer.MAX_VALUE : uint32;
  }

  @Override
  public Future<RangeResponse> range(RangeRequest request) {
    String name = Arguments.name(request.getSet());
    long from = Arguments.natural(request.getFrom(), "from");
    long to = request.hasTo() ? Arguments.natural(request.getTo(), "to") : -1;
    long after = request.hasAfter() ? Arguments.natural(request.getAfter(), "after") : -1;
    return ops.range(name, from, to, after, Arguments.limit(request.getLimit())).map(Replies::range);
  }

  @Override
  public Future<SetStats> stats(SetRef request) {
    return ops.figures(kind(request.getKind()), Arguments.name(request.getName())).map(Replies::stats);
  }

  @Override
  public Future<ListSetsResponse> listSets(ListSetsRequest request) {
    Kind kind = request.getKind();
    List<Future<List<SetFigures>>> kinds = new ArrayList<>();
    for (SetKind k : kind == Kind.KIND_UNSPECIFIED ? List.of(SetKind.values()) : List.of(kind(kind))) {
      kinds.add(ops.list(k));
    }
    return Future.all(kinds).map(all -> {
      ListSetsResponse.Builder b = ListSetsResponse.newBuilder();
      kinds.forEach(sets -> sets.result().forEach(f -> b.addSets(Replies.stats(f))));
      return b.build();
    });
  }

  @Override
  /** As {@code GET /v1/cluster}, from the same description of the cluster. */
  public Future<dev.sieve.proto.ClusterState> cluster(dev.sieve.proto.ClusterRequest request) {
    return Future.succeededFuture(Replies.cluster(ops.clusterState()));
  }

  public Future<MemoryReport> memory(MemoryRequest request) {
    return ops.memory().map(Replies::memory);
  }

  @Override
  public Future<MemoryBreakdown> memoryOf(SetRef request) {
    SetKind kind = kind(request.getKind());
    return ops.breakdown(kind, Arguments.name(request.getName())).map(Replies::breakdown);
  }

  @Override
  public Future<ReadStream<RoaringChunk>> export(ExportRequest request) {
    Context context = vertx.getOrCreateContext();
    return ops.export(Arguments.name(request.getSet()), EXPORT_CHUNK_BYTES).map(chunks -> new ExportStream<>(context,
        ExportSource.of(chunks), chunk -> RoaringChunk.newBuilder().setData(ByteString.copyFrom(chunk)).build()));
  }

  @Override
  public Future<ReadStream<WordChunk>> exportWords(ExportRequest request) {
    // gRPC compresses messages itself (grpc-encoding): the lines go plain; each piece is a fresh
    // array the source never touches again, so wrapping it without a copy is safe
    return ops.exportWords(request.getSet(), false, vertx.getOrCreateContext(),
        lines -> WordChunk.newBuilder().setLines(UnsafeByteOperations.unsafeWrap(lines)).build()).map(s -> s);
  }

  /** Bytes of one export message: well under the 4 MiB that gRPC clients accept by default. */
  static final int EXPORT_CHUNK_BYTES = 1 << 20;

  // --- writes ---

  @Override
  public Future<UpdateResponse> add(UpdateRequest request) {
    return update(request, UpdateOp.ADD);
  }

  @Override
  public Future<UpdateResponse> remove(UpdateRequest request) {
    return update(request, UpdateOp.REMOVE);
  }

  /**
   * An update, as the JSON body of {@code POST /v1/{kind}/{name}/add|remove}: the same batch
   * decoding, limits and messages (INVALID_ARGUMENT for a bad element or too many,
   * RESOURCE_EXHAUSTED for a word over the line limit or a batch over the update limit).
   */
  private Future<UpdateResponse> update(UpdateRequest request, UpdateOp op) {
    SetKind kind = kind(request.getSet().getKind());
    String name = Arguments.name(request.getSet().getName());
    Future<SetStore.Updated> updated;
    if (kind == SetKind.WORDS) {
      if (request.getNumbersCount() > 0 || request.getRangesCount() > 0) {
        throw new IllegalArgumentException("numbers and ranges are for number sets: update a word set with words");
      }
      ApiLimits.checkBatch(request.getWordsCount(), "words");
      updated = ops.update(kind, name, op, request.getWordsCount(), request::getWords);
    } else {
      if (request.getWordsCount() > 0) {
        throw new IllegalArgumentException("words are for word sets: update a number set with numbers or ranges");
      }
      ApiLimits.checkBatch(request.getNumbersCount() + request.getRangesCount(), "numbers");
      updated = ops.updateNumbers(name, op, batch -> {
        for (int i = 0; i < request.getNumbersCount(); i++) {
          batch.addUnsigned(request.getNumbers(i), "numbers[" + i + "]");
        }
        for (int i = 0; i < request.getRangesCount(); i++) {
          NumberRange range = request.getRanges(i);
          batch.addRange(range.getFirst(), range.getLast(), "ranges[" + i + "]");
        }
      });
    }
    return updated.map(u -> UpdateResponse.newBuilder()
        .setSet(request.getSet())
        .setChanged(u.changed())
        .setCount(u.count())
        .setVersion(u.version())
        .build());
  }

  @Override
  public Future<SetStats> combine(CombineRequest request) {
    return ops.combine(request.getName(), request.getOp(), request.getSetsList()).map(Replies::stats);
  }

  @Override
  public Future<DeleteResponse> delete(SetRef request) {
    return ops.delete(kind(request.getKind()), Arguments.name(request.getName()))
        .map(v -> DeleteResponse.getDefaultInstance());
  }

  @Override
  public Future<LoadSummary> loadWords(ReadStream<LoadChunk> chunks) {
    return load(chunks, LoadChunk::getName, first -> ops.replace(SetKind.WORDS, first.getName(),
        new ChunkBytes<>(chunks, first, new LineChunks(false), vertx.getOrCreateContext()),
        Operations.Format.LINES, onError(first.getOnError())));
  }

  @Override
  public Future<LoadSummary> loadNumbers(ReadStream<LoadChunk> chunks) {
    return load(chunks, LoadChunk::getName, first -> ops.replace(SetKind.NUMBERS, first.getName(),
        new ChunkBytes<>(chunks, first, new LineChunks(true), vertx.getOrCreateContext()),
        Operations.Format.LINES, onError(first.getOnError())));
  }

  @Override
  public Future<LoadSummary> loadRoaring(ReadStream<RoaringChunk> chunks) {
    return load(chunks, RoaringChunk::getName, first -> ops.replace(SetKind.NUMBERS, first.getName(),
        new ChunkBytes<>(chunks, first, chunk -> Buffer.buffer(chunk.getData().toByteArray()), vertx.getOrCreateContext()),
        Operations.Format.ROARING, OnError.FAIL));
  }

  /**
   * Reads the first chunk (it names the set), lets {@code start} stream every chunk's data through
   * the load operation, which installs the set only if the whole stream was good.
   */
  private <T> Future<LoadSummary> load(ReadStream<T> chunks, Function<T, String> nameOf,
      Function<T, Future<Operations.LoadAnswer>> start) {
    Promise<LoadSummary> done = Promise.promise();
    chunks.pause();
    chunks.exceptionHandler(done::tryFail);
    chunks.endHandler(v -> done.tryFail(new IllegalArgumentException("no chunks: the first chunk must name the set")));
    chunks.handler(first -> {
      Future<Operations.LoadAnswer> loaded;
      try {
        Arguments.name(nameOf.apply(first));
        loaded = start.apply(first);
      } catch (RuntimeException e) {
        done.tryFail(e);
        drop(chunks);
        return;
      }
      loaded.map(Replies::load).onComplete(done);
    });
    chunks.fetch(1);
    return done.future();
  }

  private static OnError onError(dev.sieve.proto.OnError onError) {
    return switch (onError) {
      case FAIL -> OnError.FAIL;
      case SKIP -> OnError.SKIP;
      default -> throw new IllegalArgumentException("on_error must be FAIL or SKIP");
    };
  }

  /** Reads and drops the rest of a refused stream, so the call can end cleanly. */
  private static void drop(ReadStream<?> chunks) {
    chunks.handler(chunk -> {});
    chunks.endHandler(null);
    chunks.exceptionHandler(null);
    chunks.resume();
  }

  // --- decoding ---

  private static SetKind kind(Kind kind) {
    return switch (kind) {
      case WORDS -> SetKind.WORDS;
      case NUMBERS -> SetKind.NUMBERS;
      default -> throw new IllegalArgumentException("set kind must be WORDS or NUMBERS");
    };
  }
}
