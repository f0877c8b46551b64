package dev.sieve.api;

import dev.sieve.cluster.Cluster;
import dev.sieve.cluster.ShardedSet;
import dev.sieve.ingest.LineLoader;
import dev.sieve.ingest.LoadReport;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.SetOperation;
import dev.sieve.registry.NoSuchSetException;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetFamily;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import dev.sieve.registry.NumberBatch;
import dev.sieve.registry.UpdateBatch;
import dev.sieve.registry.UpdateOp;
import dev.sieve.words.Wildcard;
import dev.sieve.words.WordDelta;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What a face asks of Sieve, face-neutral: find a set (one answer for "not restored yet",
 * "unavailable", "no such set"), replace one from a stream (load, store, figures), update one
 * (decode and limit the batch, journal it), delete, combine and export. CPU-heavy work runs on
 * {@link Workers#builds}, every store write on {@link Workers#writes}: never on the event loop.
 * Failures are the exceptions each face maps to its own codes (see the package). Thread-safe;
 * the stream-reading methods are called on the Vert.x context that owns the stream.
 *
 * @param registry the sets served
 * @param store every write goes through it
 * @param loader the ingest pipeline loads and line batches read through
 * @param workers where blocking work runs
 * @param cluster this node's part of a cluster ({@code --cluster}), or null for a single node: then
 *     loads are cut into shards stored on their replicas, and lookups of a cluster set are routed
 *     to them; the faces never see which path a request took
 */
public record Operations(Registry registry, SetStore store, SetLoader loader, Workers workers, Cluster cluster) {
  /** A single node's operations. */
  public Operations(Registry registry, SetStore store, SetLoader loader, Workers workers) {
    this(registry, store, loader, workers, null);
  }

  /** How an upload's elements are written: lines, or (numbers only) Roaring's portable format. */
  public enum Format { LINES, ROARING }

  /** A replaced set's figures, what its load read, and how long it all took. */
  public record LoadAnswer(SetFigures figures, LoadReport report, long elapsedMs) {}

  // ---------------------------------------------------------------- finding

  /** The version serving as {@code name}; see {@link SetStore#find} for the failures. */
  public <D> SetVersion<D> find(SetFamily<D, ?, ?> family, String name) {
    return store.find(family, name);
  }

  /** As {@link #find(SetFamily, String)}, for a kind named at run time. */
  public SetVersion<?> find(SetKind kind, String name) {
    return find(SetFamily.of(kind), name);
  }

  public SetVersion<WordDelta> words(String name) {
    return find(SetFamily.WORDS, name);
  }

  public SetVersion<NumberDelta> numbers(String name) {
    return find(SetFamily.NUMBERS, name);
  }

  /**
   * Throws as {@link #find(SetKind, String)} unless set {@code name} of {@code kind} is served,
   * here or (a cluster set) by its shards: what a face asks before it reads a request's body.
   */
  public void requireSet(SetKind kind, String name) {
    if (clustered(kind, name) == null) {
      find(kind, name);
    }
  }

  /** The figures of set {@code name} of {@code kind}. */
  public Future<SetFigures> figures(SetKind kind, String name) {
    ShardedSet entry = clustered(kind, name);
    if (entry == null) {
      return Future.succeededFuture(figures(SetFamily.of(kind), name));
    }
    // the shard map's figures are the load's: updates since are counted by the shards
    return cluster.stats(entry).map(now -> figures(entry, now[0], now[1]));
  }

  // ---------------------------------------------------------------- the cluster's sets

  /** The shard map's entry of set {@code name} as this node knows it, or null (single node, or not a cluster set). */
  private ShardedSet clustered(SetKind kind, String name) {
    return cluster == null ? null : cluster.find(kind, name);
  }

  /** A cluster set's figures, from its entry in the shard map: elements and snapshot bytes summed over its shards (one copy). */
  static SetFigures figures(ShardedSet entry) {
    return figures(entry, entry.count(), entry.bytes());
  }

  private static SetFigures figures(ShardedSet entry, long count, long bytes) {
    return new SetFigures(entry.kind(), new SetVersion<>(entry.name(), null, entry.version(), Instant.EPOCH, 0),
        count, bytes, entry.type(), 0, 0, 0, 0, List.of());
  }

  // ---------------------------------------------------------------- looking up

  /**
   * Whether each of {@code words} is in word set {@code name}, in order: over the set's shards
   * for a cluster set, else on this node (a batch over {@link ApiLimits#INLINE_BATCH} on {@link
   * Workers#queries}, so that up to {@link ApiLimits#MAX_BATCH} lookups never hold the event loop).
   *
   * @throws dev.sieve.ingest.TooLargeException for more than {@link ApiLimits#MAX_BATCH} words
   */
  public Future<List<Boolean>> containsWords(String name, List<String> words) {
    ShardedSet entry = clustered(SetKind.WORDS, name);
    WordDelta set = entry == null ? words(name).set() : null; // no such set answers before too large
    ApiLimits.checkBatch(words.size(), SetKind.WORDS.wireName());
    if (entry != null) {
      return cluster.containsWords(entry, words);
    }
    return lookup(words.size(), i -> set.contains(words.get(i)));
  }

  /** As {@link #containsWords}, for number set {@code name}. */
  public Future<List<Boolean>> containsNumbers(String name, long[] numbers) {
    ShardedSet entry = clustered(SetKind.NUMBERS, name);
    NumberDelta set = entry == null ? numbers(name).set() : null;
    ApiLimits.checkBatch(numbers.length, SetKind.NUMBERS.wireName());
    if (entry != null) {
      return cluster.containsNumbers(entry, numbers);
    }
    return lookup(numbers.length, i -> set.contains(numbers[i]));
  }

  /** Answers {@code size} membership tests: at once for a small batch, else on {@link Workers#queries}. */
  private Future<List<Boolean>> lookup(int size, java.util.function.IntPredicate present) {
    java.util.concurrent.Callable<List<Boolean>> all = () -> {
      Boolean[] answers = new Boolean[size];
      for (int i = 0; i < size; i++) {
        answers[i] = present.test(i);
      }
      return java.util.Arrays.asList(answers);
    };
    if (size > ApiLimits.INLINE_BATCH) {
      return workers.queries().executeBlocking(all, false);
    }
    try {
      return Future.succeededFuture(all.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * The page of word set {@code name}'s words under {@code prefix} (null: every word) after
   * {@code after} (null: from the first), at most {@code limit}, with their exact count; merged
   * in order over the shards of a cluster set.
   */
  public Future<WordPage> prefix(String name, String prefix, String after, int limit) {
    ShardedSet entry = clustered(SetKind.WORDS, name);
    if (entry == null) {
      return Future.succeededFuture(WordPage.of(words(name).set(), prefix, after, limit));
    }
    String p = prefix == null ? "" : prefix;
    return cluster.prefix(entry, p, after, limit + 1).map(page -> WordPage.of(p, page.count(), page.words(), limit));
  }

  /**
   * The page of number set {@code name}'s numbers in [{@code from}, {@code to}) ({@code to} < 0:
   * no end) above {@code after} ({@code after} < 0: from {@code from}), at most {@code limit},
   * with their exact count; merged in order over the shards of a cluster set.
   */
  public Future<NumberPage> range(String name, long from, long to, long after, int limit) {
    ShardedSet entry = clustered(SetKind.NUMBERS, name);
    if (entry == null) {
      return Future.succeededFuture(NumberPage.of(numbers(name).set(), from, to, after, limit));
    }
    long last = to < 0 ? Long.MAX_VALUE : to - 1;
    long start = after < 0 ? from : after == Long.MAX_VALUE ? -1 : Math.max(from, after + 1);
    if (start < 0) {
      return cluster.range(entry, from, last, 0, 0).map(page -> NumberPage.of(page.count(), new long[0], limit));
    }
    return cluster.range(entry, from, last, start, limit + 1).map(page -> NumberPage.of(page.count(), page.numbers(), limit));
  }

  /** {@code GET /v1/cluster}: null on a single node. */
  public io.vertx.core.json.JsonObject clusterState() {
    return cluster == null ? null : cluster.describe();
  }

  private <D> SetFigures figures(SetFamily<D, ?, ?> f, String name) {
    return f.figures(find(f, name));
  }

  /** The figures of every set of {@code kind}, by name. */
  public Future<List<SetFigures>> list(SetKind kind) {
    if (cluster == null) {
      return Future.succeededFuture(SetFamily.of(kind).list(registry));
    }
    // the cluster's sets, counted by their shards, then any this node holds alone (none are made
    // in cluster mode: sets restored from before)
    List<ShardedSet> entries = cluster.list(kind);
    List<Future<SetFigures>> counted = new ArrayList<>(entries.size());
    for (ShardedSet e : entries) {
      counted.add(cluster.stats(e).map(now -> figures(e, now[0], now[1])));
    }
    return Future.all(counted).map(all -> {
      java.util.Map<String, SetFigures> byName = new java.util.TreeMap<>();
      SetFamily.of(kind).list(registry).forEach(f -> byName.put(f.name(), f));
      counted.forEach(f -> byName.put(f.result().name(), f.result()));
      return List.copyOf(byName.values());
    });
  }

  /**
   * Where the bytes of set {@code name} of {@code kind} go, counted on {@link Workers#queries}: the
   * first breakdown of a word set read in place from its snapshot decodes every node once (a
   * second or so at 100 M words), which a restart no longer does.
   */
  public Future<MemoryBreakdown> breakdown(SetKind kind, String name) {
    return breakdown(SetFamily.of(kind), name);
  }

  private <D> Future<MemoryBreakdown> breakdown(SetFamily<D, ?, ?> f, String name) {
    ShardedSet entry = clustered(f.kind(), name);
    if (entry != null) { // its shards' parts summed (one copy of each), beside the set's figures
      return cluster.parts(entry).compose(parts -> figures(f.kind(), name).map(figures -> new MemoryBreakdown(figures, parts)));
    }
    SetVersion<D> v = find(f, name);
    return workers.queries().executeBlocking(() -> MemoryBreakdown.of(f, v), false);
  }

  /** What the server says of itself; no I/O. */
  public ServerInfo info() {
    var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
    boolean durable = store.isDurable();
    return new ServerInfo(BuildInfo.read().version(), Instant.ofEpochMilli(runtime.getStartTime()), runtime.getUptime(),
        registry.isReady(), registry.words().list().size(), registry.numbers().list().size(), durable,
        durable ? store.journalStats().policy().flag() : "none", store.policy());
  }

  // ---------------------------------------------------------------- searching

  /**
   * The first page (or, for one word, the page after {@code after}) of each word's fuzzy
   * matches in set {@code name}, in request order; searched on {@link Workers#queries}.
   *
   * @throws IllegalArgumentException for no words, more than {@link FuzzyQuery#MAX_BATCH}, a word
   *     that is null, or a cursor with more than one word
   */
  public Future<List<FuzzyPage>> fuzzy(String name, List<String> words, FuzzyQuery query, String after, int limit) {
    ShardedSet entry = clustered(SetKind.WORDS, name);
    WordDelta set = entry == null ? words(name).set() : null;
    if (words.isEmpty() || words.size() > FuzzyQuery.MAX_BATCH) {
      throw new IllegalArgumentException("expected 1.." + FuzzyQuery.MAX_BATCH + " words, got " + words.size());
    }
    if (after != null && words.size() > 1) {
      throw new IllegalArgumentException("after pages the matches of one word: ask for one word");
    }
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i) == null) {
        throw new IllegalArgumentException("words[" + i + "] is not a string");
      }
    }
    if (entry != null) { // each word's matches merged over the shards, in request order
      List<Future<FuzzyPage>> pages = new ArrayList<>(words.size());
      for (String word : words) {
        pages.add(cluster.fuzzy(entry, word, query.distance(), query.transpositions(), query.prefix(), after, limit)
            .map(page -> FuzzyPage.of(word, query, page)));
      }
      return Future.all(pages).map(all -> all.<FuzzyPage>list());
    }
    return workers.queries().executeBlocking(() -> {
      List<FuzzyPage> pages = new ArrayList<>(words.size());
      for (String word : words) {
        pages.add(FuzzyPage.of(set, word, query, after, limit));
      }
      return pages;
    }, false);
  }

  /** The page of set {@code name}'s words matching the wildcard {@code pattern}; searched on {@link Workers#queries}. */
  public Future<MatchPage> match(String name, String pattern, String after, int limit) {
    ShardedSet entry = clustered(SetKind.WORDS, name);
    WordDelta set = entry == null ? words(name).set() : null;
    if (pattern == null) {
      throw new IllegalArgumentException("missing pattern");
    }
    if (entry != null) {
      Wildcard.parse(pattern); // a malformed pattern: the 400 naming its position, before any shard is asked
      return cluster.match(entry, pattern, after, limit).map(page -> MatchPage.of(pattern, page));
    }
    return workers.queries().executeBlocking(() -> MatchPage.of(set, pattern, after, limit), false);
  }

  // ---------------------------------------------------------------- memory

  /** The memory report now, made on {@link Workers#queries} (it sizes the data directory's files). */
  public Future<MemoryOverview> memory() {
    return workers.queries().executeBlocking(() -> MemoryOverview.of(registry, store, loader.budget()), false);
  }

  // ---------------------------------------------------------------- replacing

  /**
   * Loads {@code body} and, only if the whole of it was good, stores the set as {@code name}
   * (snapshot, catalog) and swaps it in; a failure before that leaves the old version serving.
   */
  public Future<LoadAnswer> replace(SetKind kind, String name, ReadStream<Buffer> body, Format format, OnError onError) {
    long start = System.nanoTime();
    Arguments.newName(name);
    if (cluster != null) {
      return SetFamily.of(kind).load(loader, name, body, format == Format.ROARING, onError).compose(loaded ->
          cluster.store(kind, name, loaded.set()).map(entry ->
              new LoadAnswer(figures(entry), loaded.report(), (System.nanoTime() - start) / 1_000_000)));
    }
    return replace(SetFamily.of(kind), name, body, format == Format.ROARING, onError, start);
  }

  private <B> Future<LoadAnswer> replace(SetFamily<?, B, ?> f, String name, ReadStream<Buffer> body, boolean roaring,
      OnError onError, long start) {
    return f.load(loader, name, body, roaring, onError).compose(loaded -> store(f, name, loaded.set())
        .map(figures -> new LoadAnswer(figures, loaded.report(), (System.nanoTime() - start) / 1_000_000)));
  }

  /** Stores {@code base} as the new version of {@code name} (snapshot, catalog, swap). */
  public <D, B> Future<SetFigures> store(SetFamily<D, B, ?> f, String name, B base) {
    return workers.writes().executeBlocking(() -> f.figures(store.replace(f, name, base)), false);
  }

  // ---------------------------------------------------------------- updating

  /**
   * Applies an update whose elements are the lines of {@code body}, whole or not at all (a bad
   * line fails the batch); a set that is not there is refused before the body is read.
   */
  public Future<SetStore.Updated> update(SetKind kind, String name, UpdateOp op, ReadStream<Buffer> body) {
    return fromLines(SetFamily.of(kind), name, op, body);
  }

  /**
   * Applies an update of {@code size} elements sent as values ({@link UpdateBatch#add}), {@code
   * element} giving each (on the caller's thread for a small batch, else on a worker), whole or not at all.
   */
  public Future<SetStore.Updated> update(SetKind kind, String name, UpdateOp op, int size, IntFunction<Object> element) {
    return update(SetFamily.of(kind), name, op, size, element);
  }

  private <E> Future<SetStore.Updated> update(SetFamily<?, ?, E> f, String name, UpdateOp op, int size,
      IntFunction<Object> element) {
    Consumer<UpdateBatch<E>> fill = batch -> {
      for (int i = 0; i < size; i++) {
        batch.add(element.apply(i), i);
      }
    };
    // a small batch is checked and queued where it came (no worker hop); a large one on workers
    return size <= ApiLimits.INLINE_BATCH ? applyInline(f, name, op, batch(f), fill) : apply(f, name, op, fill);
  }

  /** Applies an update whose numbers and ranges {@code fill} adds to the batch (on a worker). */
  public Future<SetStore.Updated> updateNumbers(String name, UpdateOp op, Consumer<NumberBatch> fill) {
    return apply(SetFamily.NUMBERS, name, op, batch -> fill.accept((NumberBatch) batch));
  }

  /**
   * An update of cluster set {@code entry}: its elements sent to the primaries of their shards and
   * acknowledged by every live copy ({@link Cluster#updateWords}); the count after it asked of the shards.
   */
  @SuppressWarnings("unchecked")
  private Future<SetStore.Updated> updateCluster(ShardedSet entry, UpdateOp op, Object elements) {
    Future<Long> changed;
    if (elements instanceof NumberSet numbers) {
      if (numbers.cardinality() > ApiLimits.MAX_BATCH) {
        return Future.failedFuture(new dev.sieve.ingest.TooLargeException("an update of a cluster set holds at most "
            + ApiLimits.MAX_BATCH + " numbers, ranges counted by their values; got " + numbers.cardinality(), 0));
      }
      changed = cluster.updateNumbers(entry, op, numbers.list(0, Long.MAX_VALUE, (int) numbers.cardinality()));
    } else {
      List<byte[]> utf8 = (List<byte[]>) elements;
      List<String> words = new ArrayList<>(utf8.size());
      for (byte[] w : utf8) {
        words.add(new String(w, java.nio.charset.StandardCharsets.UTF_8)); // checked UTF-8 by the batch
      }
      changed = cluster.updateWords(entry, op, words);
    }
    return changed.compose(n -> cluster.stats(entry).map(now -> new SetStore.Updated(n, now[0], entry.version())));
  }

  private <E> UpdateBatch<E> batch(SetFamily<?, ?, E> f) {
    return f.batch(loader.budget(), loader.limits().maxLineBytes());
  }

  private <E> Future<SetStore.Updated> fromLines(SetFamily<?, ?, E> f, String name, UpdateOp op, ReadStream<Buffer> body) {
    requireSet(f.kind(), name); // refused before the body is read
    UpdateBatch<E> batch = batch(f);
    return LineLoader.load(body, batch, loader.limits(), OnError.FAIL)
        .compose(report -> apply(f, name, op, batch, b -> {}), failure -> {
          batch.close();
          return Future.failedFuture(failure);
        });
  }

  private <E> Future<SetStore.Updated> apply(SetFamily<?, ?, E> f, String name, UpdateOp op,
      Consumer<UpdateBatch<E>> fill) {
    return apply(f, name, op, batch(f), fill);
  }

  private <E> Future<SetStore.Updated> apply(SetFamily<?, ?, E> f, String name, UpdateOp op, UpdateBatch<E> batch,
      Consumer<UpdateBatch<E>> fill) {
    // the answer comes back on the caller's context once the journal says the update is durable;
    // no worker waits for the sync meanwhile (group commit needs many updates in flight at once)
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    ShardedSet entry = clustered(f.kind(), name);
    return workers.builds().executeBlocking(() -> {
      fill.accept(batch);
      return batch.finish();
    }, false).compose(elements -> entry != null ? updateCluster(entry, op, elements)
            : workers.writes().executeBlocking(() -> store.updateAsync(f, name, op, elements), false)
                .compose(acknowledged -> on(context, acknowledged)))
        .onComplete(ar -> batch.close());
  }

  /** {@code acknowledged} as a future completed on {@code context} (null: on whichever thread completes it). */
  private static <T> Future<T> on(io.vertx.core.Context context, java.util.concurrent.CompletionStage<T> acknowledged) {
    return context == null ? Future.fromCompletionStage(acknowledged) : Future.fromCompletionStage(acknowledged, context);
  }

  /**
   * As {@link #apply}, for a batch of at most {@link ApiLimits#INLINE_BATCH} elements, on the
   * caller's thread (the event loop): checked and encoded here, a few microseconds of CPU, then
   * handed to the store's group commit ({@link SetStore#updateAsync} never blocks for a durable
   * store; the journal's file I/O is on the group commit's thread). No worker hop: the hops
   * through the build and store pools and back cost more than the work (a thread wake-up each,
   * tens of microseconds on a loaded machine). An in-memory store applies it here, O(batch log n).
   */
  private <E> Future<SetStore.Updated> applyInline(SetFamily<?, ?, E> f, String name, UpdateOp op, UpdateBatch<E> batch,
      Consumer<UpdateBatch<E>> fill) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    java.util.concurrent.CompletableFuture<SetStore.Updated> acknowledged;
    ShardedSet entry = clustered(f.kind(), name);
    try {
      fill.accept(batch);
      if (entry != null) {
        return updateCluster(entry, op, batch.finish()).onComplete(ar -> batch.close());
      }
      acknowledged = store.updateAsync(f, name, op, batch.finish());
    } catch (IOException | RuntimeException e) {
      batch.close();
      return Future.failedFuture(e);
    }
    return on(context, acknowledged).onComplete(ar -> batch.close());
  }

  // ---------------------------------------------------------------- deleting, combining, exporting

  /** Deletes set {@code name} of {@code kind} and its files; fails with NoSuchSetException if there was none. */
  public Future<Void> delete(SetKind kind, String name) {
    if (clustered(kind, name) != null) {
      return cluster.delete(kind, name).map(existed -> {
        if (!existed) {
          throw new NoSuchSetException(kind, name);
        }
        return null;
      });
    }
    return workers.writes().executeBlocking(() -> store.delete(kind, name), false).map(existed -> {
      if (!existed) {
        throw new NoSuchSetException(kind, name);
      }
      return null;
    });
  }

  /**
   * Builds or replaces number set {@code name} from others ({@code and}, {@code or}, {@code xor},
   * {@code andnot}, folded left to right) as they serve now (base and delta), and stores it.
   *
   * @throws IllegalArgumentException for an unknown operation, no operands or a bad name
   */
  public Future<SetFigures> combine(String name, String op, List<String> operands) {
    Arguments.newName(name);
    SetOperation operation = SetOperation.parse(op);
    if (operands == null || operands.isEmpty()) {
      throw new IllegalArgumentException("expected \"sets\": a non-empty array of set names");
    }
    List<Future<NumberSet>> inputs = new ArrayList<>(operands.size());
    for (String operand : operands) {
      if (!dev.sieve.registry.SetNames.isValid(operand)) {
        throw new IllegalArgumentException("invalid set name in sets: " + operand);
      }
      ShardedSet entry = clustered(SetKind.NUMBERS, operand);
      if (entry != null) { // a cluster set, gathered from its shards
        inputs.add(cluster.whole(entry).map(NumberSet.class::cast));
      } else {
        NumberDelta live = numbers(operand).set();
        inputs.add(workers.builds().executeBlocking(live::compact, false));
      }
    }
    return Future.all(inputs).compose(all -> workers.builds().executeBlocking(() -> {
      List<NumberSet> frozen = new ArrayList<>(inputs.size());
      for (Future<NumberSet> input : inputs) {
        frozen.add(input.result());
      }
      return operation.apply(frozen);
    }, false)).compose(result -> cluster == null
        ? store(SetFamily.NUMBERS, name, result)
        : cluster.store(SetKind.NUMBERS, name, result).map(Operations::figures)); // in cluster mode, a cluster set
  }

  /** Bytes of a piece of a word export: small enough to stream smoothly, large enough to amortize a write. */
  public static final int WORD_EXPORT_PIECE_BYTES = 64 << 10;

  /**
   * Word set {@code name} as it serves now, as lines in byte order ({@link WordLines}), gzip
   * compressed when {@code gzip}; the stream makes each piece on a worker of {@code context} as
   * the reader asks for it, and {@code piece} turns it into what the face writes.
   *
   * @throws dev.sieve.registry.NoSuchSetException if there is no such set (at once, before any piece)
   */
  public <T> Future<ExportStream<T>> exportWords(String name, boolean gzip, Context context, Function<byte[], T> piece) {
    ShardedSet entry = clustered(SetKind.WORDS, Arguments.name(name));
    if (entry != null) { // gathered from its shards, then streamed as a single node's
      return cluster.whole(entry).map(whole -> exportStream(WordDelta.of((dev.sieve.words.WordSet) whole), gzip, context, piece));
    }
    return Future.succeededFuture(exportStream(words(name).set(), gzip, context, piece));
  }

  private static <T> ExportStream<T> exportStream(WordDelta live, boolean gzip, Context context, Function<byte[], T> piece) {
    try {
      return new ExportStream<>(context, new WordLines(live, WORD_EXPORT_PIECE_BYTES, gzip), piece);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a gzip header into memory: cannot fail
    }
  }

  /**
   * Number set {@code name} in Roaring's portable format (32-bit when every value fits, else the
   * 64-bit format), cut into pieces of at most {@code chunkBytes}; serialized on a worker.
   */
  public Future<List<byte[]>> export(String name, int chunkBytes) {
    ShardedSet entry = clustered(SetKind.NUMBERS, name);
    if (entry != null) { // gathered from its shards
      return cluster.whole(entry).compose(whole ->
          workers.builds().executeBlocking(() -> ExportChunks.of((NumberSet) whole, chunkBytes), false));
    }
    NumberDelta live = numbers(name).set();
    return workers.builds().executeBlocking(() -> ExportChunks.of(live.compact(), chunkBytes), false);
  }
}
