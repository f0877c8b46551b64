package dev.sieve.registry;

import dev.sieve.delta.Tiered;
import dev.sieve.ingest.Loaded;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.memory.HashSetBaseline;
import dev.sieve.memory.LoadBudget;
import dev.sieve.numbers.ContainerStats;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.SetOperation;
import dev.sieve.store.CatalogEntry;
import dev.sieve.store.Snapshots;
import dev.sieve.words.WordCursor;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Everything that differs between word sets and number sets, in one place keyed by {@link
 * SetKind}: the live type {@code D} (a frozen base plus a delta), the frozen base {@code B}, the
 * elements of an update batch {@code E}, and how to load a base and decode a batch (through
 * ingest), apply a batch (with its baseline), fold and
 * rebase a delta, measure a base, write and read its snapshot, and encode a batch for the journal.
 * {@link SetStore} (writes) and {@link StoreRestore} (restore, replay) are written once over it.
 * Stateless and thread-safe: one instance per kind.
 */
public abstract class SetFamily<D, B, E> {
  /** Word sets: a trie plus a delta of words (UTF-8); batches are lists of UTF-8 words. */
  public static final SetFamily<WordDelta, WordSet, List<byte[]>> WORDS = new Words();
  /** Number sets: Roaring bitmaps plus a delta; batches are number sets. */
  public static final SetFamily<NumberDelta, NumberSet, NumberSet> NUMBERS = new Numbers();

  private final SetKind kind;
  // What is only a call to the kind's own registry, figures or delta type is passed in as method
  // references rather than overridden: each family states them once, in its constructor, and its
  // body keeps only what really differs (baselines, batches, snapshots, parts).
  private final Function<Registry, SetRegistry<D>> sets;
  private final Function<SetVersion<D>, SetFigures> figures;
  private final ToLongFunction<B> baseCount;
  private final Function<B, D> of;
  private final Function<D, B> base;
  private final Compact<D, B> compact;
  private final Rebase<D, B> rebase;

  /** {@code delta.compact(partsDir)}, as both delta types spell it. */
  interface Compact<D, B> {
    B compact(D delta, Path partsDir);
  }

  /** {@code current.rebase(newBase, folded)}, as both delta types spell it. */
  interface Rebase<D, B> {
    D rebase(D current, B newBase, D folded);
  }

  SetFamily(SetKind kind, Function<Registry, SetRegistry<D>> sets, Function<SetVersion<D>, SetFigures> figures,
      ToLongFunction<B> baseCount, Function<B, D> of, Function<D, B> base, Compact<D, B> compact,
      Rebase<D, B> rebase) {
    this.kind = kind;
    this.sets = sets;
    this.figures = figures;
    this.baseCount = baseCount;
    this.of = of;
    this.base = base;
    this.compact = compact;
    this.rebase = rebase;
  }

  /** The family of {@code kind}. */
  public static SetFamily<?, ?, ?> of(SetKind kind) {
    return kind == SetKind.WORDS ? WORDS : NUMBERS;
  }

  /** The family a catalog entry, journal record or snapshot file names by its kind. */
  static SetFamily<?, ?, ?> stored(String kind) throws IOException {
    SetKind k = SetKind.fromWireName(kind);
    if (k == null) {
      throw new IOException("unknown kind of set: " + kind);
    }
    return of(k);
  }

  public SetKind kind() {
    return kind;
  }

  /** The kind as the data directory names it (catalog, journal, snapshot files). */
  String stored() {
    return kind.wireName();
  }

  /** The sets of this kind in {@code registry}. */
  public SetRegistry<D> sets(Registry registry) {
    return sets.apply(registry);
  }

  /** The figures of {@code v}, as both faces report them. */
  public SetFigures figures(SetVersion<D> v) {
    return figures.apply(v);
  }

  /** The figures of every set of this kind in {@code registry}, by name. */
  public List<SetFigures> list(Registry registry) {
    List<SetFigures> out = new ArrayList<>();
    for (SetVersion<D> v : sets(registry).list()) {
      out.add(figures(v));
    }
    return out;
  }

  /** Where the bytes of {@code set} go, part by part, its delta last. */
  public abstract List<SetPart> parts(D set);

  /** A frozen base with an empty delta. */
  D of(B base) {
    return of.apply(base);
  }

  B base(D set) {
    return base.apply(set);
  }

  /**
   * The delta folded into a new base (CPU-heavy); a word set of several parts parks them in
   * {@code partsDir} while it is built, unless it is null ({@code WordSetBuilder.parkPartsIn}).
   */
  B compact(D set, Path partsDir) {
    return compact.compact(set, partsDir);
  }

  /** {@code current} expressed over {@code newBase}, which holds what {@code folded} held. */
  D rebase(D current, B newBase, D folded) {
    return rebase.rebase(current, newBase, folded);
  }

  /** The set as its tiered delta (both delta types are one: {@code WordDelta}, {@code NumberDelta}). */
  @SuppressWarnings("unchecked")
  Tiered<D> tiered(D set) {
    return (Tiered<D>) set;
  }

  long baseCount(B base) {
    return baseCount.applyAsLong(base);
  }

  /** What a {@code HashSet} of the base's elements would take (words: walks the whole base). */
  public abstract long baseline(B base);

  /** A batch applied to a version: the new set, elements whose membership changed, its count and baseline. */
  record Applied<D>(D set, long changed, long count, long baselineBytes) {}

  /**
   * {@code batch} applied to {@code cur} by {@code op}, with the new baseline worked out from
   * {@code cur}'s: the one delta application, for updates and for the journal's replay alike.
   */
  abstract Applied<D> apply(SetVersion<D> cur, UpdateOp op, E batch);

  /**
   * A new, empty update batch of this family's elements, its memory held against {@code budget}
   * (words at most {@code maxWordBytes} each): the one place a face's batch decoder is chosen.
   */
  public abstract UpdateBatch<E> batch(LoadBudget budget, int maxWordBytes);

  /**
   * A base of this family loaded from {@code body} as {@code name} by {@code loader}: words from
   * lines; numbers from lines or, if {@code roaring}, Roaring's portable format.
   *
   * @throws IllegalArgumentException for words in Roaring's format
   */
  public abstract Future<Loaded<B>> load(SetLoader loader, String name, ReadStream<Buffer> body, boolean roaring,
      OnError onError);

  /** The batch as the journal stores it. */
  abstract byte[] encode(E batch);

  /** The batches of journal payloads (of one set and op, in order) as one batch. */
  abstract E decode(List<byte[]> payloads) throws IOException;

  abstract Snapshots.Written write(Snapshots snapshots, String name, long version, B base) throws IOException;

  /**
   * The base to serve once its snapshot is {@code written}: {@code base} itself, or the snapshot
   * read in place when {@code base} lives in files about to go (a word set whose parts were parked
   * while it was built: served from the snapshot, the parked parts' mappings are collected).
   */
  B served(Snapshots snapshots, Snapshots.Written written, B base) throws IOException {
    return base;
  }

  /** Reads a snapshot file, before the catalog is open: the base, or what {@link #restored} needs. */
  abstract Object read(Snapshots snapshots, String file) throws IOException;

  /** The base {@link #read} gave, once checked against its catalog entry. */
  abstract B restored(Object read, CatalogEntry entry) throws IOException;

  private static final class Words extends SetFamily<WordDelta, WordSet, List<byte[]>> {
    Words() {
      super(SetKind.WORDS, Registry::words, SetFigures::words, WordSet::size,
          WordDelta::of, WordDelta::base, WordDelta::compact, WordDelta::rebase);
    }

    @Override
    public List<SetPart> parts(WordDelta set) {
      List<SetPart> parts = new ArrayList<>();
      for (Map.Entry<String, Long> role : set.base().bytesByRole().entrySet()) {
        parts.add(new SetPart(role.getKey(), -1, -1, role.getValue()));
      }
      parts.add(new SetPart("delta", -1, -1, set.deltaBytes()));
      return List.copyOf(parts);
    }

    @Override
    public long baseline(WordSet base) {
      HashSetBaseline.Strings baseline = new HashSetBaseline.Strings();
      if (base.lengths() != null) { // counted by the build: no walk of the set
        base.lengths().forEach(baseline::add);
        return baseline.bytes();
      }
      WordCursor cursor = base.cursor();
      while (cursor.next()) {
        baseline.add(cursor.current());
      }
      return baseline.bytes();
    }

    @Override
    Applied<WordDelta> apply(SetVersion<WordDelta> cur, UpdateOp op, List<byte[]> batch) {
      WordDelta set = cur.set();
      boolean add = op == UpdateOp.ADD;
      WordDelta.Change c = add ? set.apply(batch, List.of()) : set.apply(List.of(), batch);
      long baseline = cur.baselineBytes();
      if (c.added() + c.removed() > 0) {
        // the table grows or shrinks, and each word whose membership changed brings or takes its
        // String: the batch's level names exactly those words (no second lookup of the batch)
        baseline += HashSetBaseline.setBytes(c.set().size()) - HashSetBaseline.setBytes(set.size())
            + c.net(HashSetBaseline::stringBytes);
      }
      return new Applied<>(c.set(), c.added() + c.removed(), c.set().size(), baseline);
    }

    @Override
    public Future<Loaded<WordSet>> load(SetLoader loader, String name, ReadStream<Buffer> body, boolean roaring,
        OnError onError) {
      if (roaring) {
        throw new IllegalArgumentException("Roaring's format holds numbers: send words as lines");
      }
      return loader.words(name, body, onError);
    }

    @Override
    public UpdateBatch<List<byte[]>> batch(LoadBudget budget, int maxWordBytes) {
      return new WordBatch(budget.open("an update batch of words"), maxWordBytes);
    }

    @Override
    byte[] encode(List<byte[]> batch) {
      return UpdatePayload.words(batch);
    }

    @Override
    List<byte[]> decode(List<byte[]> payloads) throws IOException {
      List<byte[]> all = new ArrayList<>();
      for (byte[] payload : payloads) {
        all.addAll(UpdatePayload.words(payload));
      }
      return all;
    }

    @Override
    Snapshots.Written write(Snapshots snapshots, String name, long version, WordSet base) throws IOException {
      return snapshots.writeWords(name, version, base);
    }

    @Override
    WordSet served(Snapshots snapshots, Snapshots.Written written, WordSet base) throws IOException {
      // mapped here means parked (WordSetBuilder.parkPartsIn): a set read from a snapshot is
      // never replaced by itself
      return base.isMapped() ? snapshots.readWords(written.file()) : base;
    }

    @Override
    Object read(Snapshots snapshots, String file) throws IOException {
      return snapshots.readWords(file);
    }

    @Override
    WordSet restored(Object read, CatalogEntry entry) {
      return (WordSet) read;
    }
  }

  private static final class Numbers extends SetFamily<NumberDelta, NumberSet, NumberSet> {
    Numbers() {
      super(SetKind.NUMBERS, Registry::numbers, SetFigures::numbers, NumberSet::cardinality,
          NumberDelta::of, NumberDelta::base, (set, partsDir) -> set.compact(), NumberDelta::rebase);
    }

    @Override
    public List<SetPart> parts(NumberDelta set) {
      List<SetPart> parts = new ArrayList<>();
      for (ContainerStats part : set.base().breakdown()) {
        parts.add(new SetPart(part.type(), part.count(), part.values(), part.bytes()));
      }
      parts.add(new SetPart("delta", 0, set.addedCount() + set.removedCount(), set.deltaBytes()));
      return List.copyOf(parts);
    }

    @Override
    public long baseline(NumberSet base) {
      return HashSetBaseline.ofLongs(base.cardinality());
    }

    @Override
    Applied<NumberDelta> apply(SetVersion<NumberDelta> cur, UpdateOp op, NumberSet batch) {
      NumberDelta set = cur.set();
      NumberDelta.Change c = op == UpdateOp.ADD
          ? set.apply(batch, NumberSet.empty()) : set.apply(NumberSet.empty(), batch);
      long count = c.set().cardinality();
      return new Applied<>(c.set(), c.added() + c.removed(), count, HashSetBaseline.ofLongs(count));
    }

    @Override
    public Future<Loaded<NumberSet>> load(SetLoader loader, String name, ReadStream<Buffer> body, boolean roaring,
        OnError onError) {
      return roaring ? loader.roaring(name, body) : loader.numbers(name, body, onError);
    }

    @Override
    public UpdateBatch<NumberSet> batch(LoadBudget budget, int maxWordBytes) {
      return new NumberBatch(budget.open("an update batch of numbers"));
    }

    @Override
    byte[] encode(NumberSet batch) {
      return UpdatePayload.numbers(batch);
    }

    @Override
    NumberSet decode(List<byte[]> payloads) {
      List<NumberSet> sets = new ArrayList<>(payloads.size());
      for (byte[] payload : payloads) {
        sets.add(UpdatePayload.numbers(payload));
      }
      return SetOperation.OR.apply(sets);
    }

    @Override
    Snapshots.Written write(Snapshots snapshots, String name, long version, NumberSet base) throws IOException {
      return snapshots.writeNumbers(name, version, base);
    }

    @Override
    Object read(Snapshots snapshots, String file) throws IOException {
      // decoded early, but used only once its checksum matches the catalog's
      return snapshots.mapNumbers(file, true);
    }

    @Override
    NumberSet restored(Object read, CatalogEntry entry) throws IOException {
      return Snapshots.decodeNumbers((Snapshots.NumberFile) read, entry.bytes(), entry.checksum());
    }
  }
}
