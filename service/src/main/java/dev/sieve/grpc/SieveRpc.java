package dev.sieve.grpc;

import dev.sieve.api.ApiLimits;
import dev.sieve.api.Batches;
import dev.sieve.api.MemoryOverview;
import dev.sieve.api.NumberPage;
import dev.sieve.api.SetCombiner;
import dev.sieve.api.SetFigures;
import dev.sieve.api.WordPage;
import dev.sieve.ingest.Loaded;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.ingest.TooLargeException;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.proto.CombineRequest;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ContainsResponse;
import dev.sieve.proto.DeleteResponse;
import dev.sieve.proto.ExportRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.ListSetsRequest;
import dev.sieve.proto.ListSetsResponse;
import dev.sieve.proto.LoadChunk;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.MemoryBreakdown;
import dev.sieve.proto.MemoryReport;
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
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.NoSuchSetException;
import dev.sieve.registry.SetNames;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import dev.sieve.store.JournalBatch;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sieve's gRPC service ({@code sieve.v1.Sieve}): decodes each request, calls the same registry,
 * store, loader and {@code dev.sieve.api} operations as the HTTP face, encodes the answer. Writes
 * go through the {@link SetStore} on a worker thread (snapshot and catalog before the answer). Failures are
 * the exceptions {@link GrpcErrors} maps to statuses. Authorization is checked before these
 * methods run ({@link SieveBinding}). Call on a Vert.x context.
 */
final class SieveRpc implements Sieve {
  private final Vertx vertx;
  private final Registry registry;
  private final SetStore store;
  private final SetLoader loader;
  private final WorkerExecutor workers;
  private final SetCombiner combiner;

  SieveRpc(Vertx vertx, Registry registry, SetStore store, SetLoader loader, WorkerExecutor workers) {
    this.vertx = vertx;
    this.registry = registry;
    this.store = store;
    this.loader = loader;
    this.workers = workers;
    this.combiner = new SetCombiner(registry.numbers(), store, workers);
  }

  // --- reads ---

  @Override
  public Future<ContainsResponse> contains(ContainsRequest request) {
    SetKind kind = kind(request.getSet().getKind());
    String name = name(request.getSet().getName());
    if (kind == SetKind.WORDS) {
      if (request.getNumbersCount() > 0) {
        throw new IllegalArgumentException("numbers are for number sets: ask a word set for words");
      }
      WordDelta set = words(name).set();
      int size = request.getWordsCount();
      ApiLimits.checkBatch(size, "words");
      return Batches.lookup(vertx, size, () -> {
        ContainsResponse.Builder b = ContainsResponse.newBuilder();
        for (int i = 0; i < size; i++) {
          b.addPresent(set.contains(request.getWords(i)));
        }
        return b.build();
      });
    }
    if (request.getWordsCount() > 0) {
      throw new IllegalArgumentException("words are for word sets: ask a number set for numbers");
    }
    NumberDelta set = numbers(name).set();
    int size = request.getNumbersCount();
    ApiLimits.checkBatch(size, "numbers");
    return Batches.lookup(vertx, size, () -> {
      ContainsResponse.Builder b = ContainsResponse.newBuilder();
      for (int i = 0; i < size; i++) {
        b.addPresent(set.contains(natural(request.getNumbers(i), "numbers[" + i + "]")));
      }
      return b.build();
    });
  }

  @Override
  public Future<PrefixResponse> prefix(PrefixRequest request) {
    WordDelta set = words(name(request.getSet())).set();
    int limit = limit(request.getLimit());
    String after = request.hasAfter() ? request.getAfter() : null;
    return Future.succeededFuture(Replies.prefix(WordPage.of(set, request.getPrefix(), after, limit)));
  }

  @Override
  public Future<RangeResponse> range(RangeRequest request) {
    NumberDelta set = numbers(name(request.getSet())).set();
    long from = natural(request.getFrom(), "from");
    long to = request.hasTo() ? natural(request.getTo(), "to") : -1;
    long after = request.hasAfter() ? natural(request.getAfter(), "after") : -1;
    int limit = limit(request.getLimit());
    return Future.succeededFuture(Replies.range(NumberPage.of(set, from, to, after, limit)));
  }

  @Override
  public Future<SetStats> stats(SetRef request) {
    SetKind kind = kind(request.getKind());
    String name = name(request.getName());
    return Future.succeededFuture(Replies.stats(kind == SetKind.WORDS
        ? SetFigures.words(words(name))
        : SetFigures.numbers(numbers(name))));
  }

  @Override
  public Future<ListSetsResponse> listSets(ListSetsRequest request) {
    ListSetsResponse.Builder b = ListSetsResponse.newBuilder();
    Kind kind = request.getKind();
    if (kind != Kind.KIND_UNSPECIFIED) {
      kind(kind); // refuses an unknown number
    }
    if (kind != Kind.NUMBERS) {
      for (SetVersion<WordDelta> v : registry.words().list()) {
        b.addSets(Replies.stats(SetFigures.words(v)));
      }
    }
    if (kind != Kind.WORDS) {
      for (SetVersion<NumberDelta> v : registry.numbers().list()) {
        b.addSets(Replies.stats(SetFigures.numbers(v)));
      }
    }
    return Future.succeededFuture(b.build());
  }

  @Override
  public Future<MemoryReport> memory(MemoryRequest request) {
    return Future.succeededFuture(Replies.memory(MemoryOverview.of(registry)));
  }

  @Override
  public Future<MemoryBreakdown> memoryOf(SetRef request) {
    SetKind kind = kind(request.getKind());
    return Future.succeededFuture(Replies.breakdown(
        dev.sieve.api.MemoryBreakdown.of(registry, kind, name(request.getName()))));
  }

  @Override
  public Future<ReadStream<RoaringChunk>> export(ExportRequest request) {
    NumberDelta set = numbers(name(request.getSet())).set();
    Context context = vertx.getOrCreateContext();
    return workers.executeBlocking(() -> ExportChunks.of(set.compact()), false)
        .map(chunks -> new ListStream<>(context, chunks));
  }

  // --- writes ---

  @Override
  public Future<UpdateResponse> add(UpdateRequest request) {
    return update(request, JournalBatch.Op.ADD);
  }

  @Override
  public Future<UpdateResponse> remove(UpdateRequest request) {
    return update(request, JournalBatch.Op.REMOVE);
  }

  /**
   * An update, as the JSON body of {@code POST /v1/{kind}/{name}/add|remove}: the same checks and
   * messages (INVALID_ARGUMENT for a bad element or too many, RESOURCE_EXHAUSTED for a word over
   * the line limit or words over {@link SetStore#MAX_UPDATE_BYTES}), then the store's update
   * (journaled before the answer) on a worker. An unknown set is NOT_FOUND, found by the store.
   */
  private Future<UpdateResponse> update(UpdateRequest request, JournalBatch.Op op) {
    SetKind kind = kind(request.getSet().getKind());
    String name = name(request.getSet().getName());
    Future<SetStore.Updated> updated;
    if (kind == SetKind.WORDS) {
      if (request.getNumbersCount() > 0 || request.getRangesCount() > 0) {
        throw new IllegalArgumentException("numbers and ranges are for number sets: update a word set with words");
      }
      List<byte[]> batch = wordBatch(request);
      updated = vertx.executeBlocking(() -> store.updateWords(name, op, batch), false);
    } else {
      if (request.getWordsCount() > 0) {
        throw new IllegalArgumentException("words are for word sets: update a number set with numbers or ranges");
      }
      ApiLimits.checkBatch(request.getNumbersCount() + request.getRangesCount(), "numbers");
      for (int i = 0; i < request.getNumbersCount(); i++) {
        natural(request.getNumbers(i), "numbers[" + i + "]");
      }
      // a range may span 2^32 values: the batch is built on the worker, as the store's update runs
      updated = vertx.executeBlocking(() -> store.updateNumbers(name, op, numberBatch(request)), false);
    }
    return updated.map(u -> UpdateResponse.newBuilder()
        .setSet(request.getSet())
        .setChanged(u.changed())
        .setCount(u.count())
        .setVersion(u.version())
        .build());
  }

  /** The words of an update as UTF-8, checked as the HTTP JSON route checks them. */
  private List<byte[]> wordBatch(UpdateRequest request) {
    int size = request.getWordsCount();
    ApiLimits.checkBatch(size, "words");
    int maxLine = loader.limits().maxLineBytes();
    CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
    List<byte[]> words = new ArrayList<>(size);
    long total = 0;
    for (int i = 0; i < size; i++) {
      String word = request.getWords(i);
      if (word.isEmpty() || !utf8.canEncode(word)) {
        throw new IllegalArgumentException("words[" + i + "] is not a non-empty string of valid Unicode");
      }
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > maxLine) {
        throw new TooLargeException("words[" + i + "] is longer than " + maxLine + " bytes", 0);
      }
      total += bytes.length + 1;
      if (total > SetStore.MAX_UPDATE_BYTES) {
        throw new TooLargeException("an update holds at most " + SetStore.MAX_UPDATE_BYTES
            + " bytes of words; use PUT to replace a set", 0);
      }
      words.add(bytes);
    }
    return words;
  }

  /** The numbers and inclusive ranges of an update as one set; blocking (a range may be large). */
  private static NumberSet numberBatch(UpdateRequest request) {
    NumberSetBuilder builder = new NumberSetBuilder();
    for (int i = 0; i < request.getNumbersCount(); i++) {
      builder.add(request.getNumbers(i));
    }
    for (int i = 0; i < request.getRangesCount(); i++) {
      NumberRange range = request.getRanges(i);
      String what = "ranges[" + i + "]";
      try {
        builder.addRange(natural(range.getFirst(), what + ".first"), natural(range.getLast(), what + ".last"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage());
      }
    }
    return builder.build();
  }

  @Override
  public Future<SetStats> combine(CombineRequest request) {
    return combiner.combine(request.getName(), request.getOp(), request.getSetsList())
        .map(v -> Replies.stats(SetFigures.numbers(v)));
  }

  @Override
  public Future<DeleteResponse> delete(SetRef request) {
    SetKind kind = kind(request.getKind());
    String name = name(request.getName());
    return vertx.executeBlocking(() -> kind == SetKind.WORDS ? store.deleteWords(name) : store.deleteNumbers(name), false)
        .map(existed -> {
          if (!existed) {
            throw new NoSuchSetException(kind, name);
          }
          return DeleteResponse.getDefaultInstance();
        });
  }

  @Override
  public Future<LoadSummary> loadWords(ReadStream<LoadChunk> chunks) {
    return load(chunks, SetKind.WORDS, LoadChunk::getName, first -> loader.words(
        new ChunkBytes<>(chunks, first, new LineChunks(false), vertx.getOrCreateContext()),
        onError(first.getOnError())));
  }

  @Override
  public Future<LoadSummary> loadNumbers(ReadStream<LoadChunk> chunks) {
    return load(chunks, SetKind.NUMBERS, LoadChunk::getName, first -> loader.numbers(
        new ChunkBytes<>(chunks, first, new LineChunks(true), vertx.getOrCreateContext()),
        onError(first.getOnError())));
  }

  @Override
  public Future<LoadSummary> loadRoaring(ReadStream<RoaringChunk> chunks) {
    return load(chunks, SetKind.NUMBERS, RoaringChunk::getName, first -> loader.roaring(
        new ChunkBytes<>(chunks, first, chunk -> Buffer.buffer(chunk.getData().toByteArray()), vertx.getOrCreateContext())));
  }

  /**
   * Reads the first chunk (it names the set), lets {@code start} stream every chunk's data through
   * the loader, and installs the set only if the whole stream was good.
   */
  private <T> Future<LoadSummary> load(ReadStream<T> chunks, SetKind kind, Function<T, String> nameOf,
      Function<T, Future<? extends Loaded<?>>> start) {
    long startNanos = System.nanoTime();
    Promise<LoadSummary> done = Promise.promise();
    chunks.pause();
    chunks.exceptionHandler(done::tryFail);
    chunks.endHandler(v -> done.tryFail(new IllegalArgumentException("no chunks: the first chunk must name the set")));
    chunks.handler(first -> {
      Future<? extends Loaded<?>> loaded;
      String name;
      try {
        name = name(nameOf.apply(first));
        loaded = start.apply(first);
      } catch (RuntimeException e) {
        done.tryFail(e);
        drop(chunks);
        return;
      }
      loaded.compose(l -> vertx.executeBlocking(() -> install(kind, name, l), false)
          .map(figures -> Replies.load(figures, l.report(), startNanos))).onComplete(done);
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

  /** Stores and installs a loaded set (snapshot, catalog, swap); blocking. */
  private SetFigures install(SetKind kind, String name, Loaded<?> loaded) throws java.io.IOException {
    if (kind == SetKind.WORDS) {
      return SetFigures.words(store.replaceWords(name, (WordSet) loaded.set(), loaded.baselineBytes()));
    }
    return SetFigures.numbers(store.replaceNumbers(name, (NumberSet) loaded.set(), loaded.baselineBytes()));
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

  private static String name(String name) {
    if (!SetNames.isValid(name)) {
      throw new IllegalArgumentException("invalid set name (expected [A-Za-z0-9._-]{1,64}): " + name);
    }
    return name;
  }

  /** A page size: 0 is the default, else 1 .. {@link ApiLimits#MAX_PAGE}. */
  private static int limit(int limit) {
    if (limit == 0) {
      return ApiLimits.DEFAULT_PAGE;
    }
    if (limit < 0 || limit > ApiLimits.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be an integer 1.." + ApiLimits.MAX_PAGE + ": "
          + Integer.toUnsignedString(limit));
    }
    return limit;
  }

  /** A uint64 that must be a natural up to 2^63-1 (Java reads larger ones as negative). */
  private static long natural(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + ": " + Long.toUnsignedString(value) + " is above 2^63-1");
    }
    return value;
  }

  private SetVersion<WordDelta> words(String name) {
    return registry.words().require(name);
  }

  private SetVersion<NumberDelta> numbers(String name) {
    return registry.numbers().require(name);
  }
}
