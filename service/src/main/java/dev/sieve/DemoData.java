package dev.sieve;

import dev.sieve.ingest.GzipStream;
import dev.sieve.ingest.InputStreamSource;
import dev.sieve.ingest.Loaded;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.registry.SetStore;
import dev.sieve.words.WordSet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;

/**
 * The sets a fresh service starts with: word set {@code en}, Debian's {@code wamerican} list
 * (SCOWL, licence in {@code demo/american-english.copyright} beside it) read straight from the
 * gzip resource through the same ingest pipeline as gzip uploads, strict gzip checks included; and number set {@code primes}, the
 * primes below 2^24 from a sieve of Eratosthenes. Loaded only at a first start (a data directory
 * without a catalog), and stored like any other set.
 */
final class DemoData {
  static final String WORDS_RESOURCE = "/demo/american-english.gz";
  static final int PRIMES_BELOW = 1 << 24;

  private DemoData() {}

  static Future<Void> load(Vertx vertx, SetLoader loader, WorkerExecutor workers, SetStore store) {
    Context context = vertx.getOrCreateContext();
    Future<Void> words = context.<InputStream>executeBlocking(() -> {
      InputStream raw = DemoData.class.getResourceAsStream(WORDS_RESOURCE);
      if (raw == null) {
        throw new FileNotFoundException("resource " + WORDS_RESOURCE);
      }
      return raw;
    }, false).compose(raw -> words(loader, context, raw))
        .compose(loaded -> workers.executeBlocking(
            () -> store.replaceWords("en", loaded.set(), loaded.baselineBytes()), false)).mapEmpty();
    Future<Void> primes = workers.executeBlocking(() -> {
      NumberSet set = primes(PRIMES_BELOW);
      return store.replaceNumbers("primes", set, HashSetBaseline.ofLongs(set.cardinality()));
    }, false).mapEmpty();
    return Future.all(words, primes).mapEmpty();
  }

  /**
   * The word set of the gzip stream {@code raw}, read on {@code context} through the same strict
   * gzip stage as uploads ({@code GZIPInputStream} would ignore data after a member); fails naming
   * the resource and what is wrong with it (a truncated or damaged file).
   */
  static Future<Loaded<WordSet>> words(SetLoader loader, Context context, InputStream raw) {
    return loader.words("en", new GzipStream(new InputStreamSource(context, raw), Long.MAX_VALUE, context), OnError.FAIL)
        .recover(failure -> Future.failedFuture(
            new IOException("resource " + WORDS_RESOURCE + ": " + failure.getMessage(), failure)));
  }

  /** The primes below {@code limit}, by a sieve of Eratosthenes. */
  static NumberSet primes(int limit) {
    BitSet composite = new BitSet(limit);
    NumberSetBuilder builder = new NumberSetBuilder();
    for (int p = 2; p < limit; p = composite.nextClearBit(p + 1)) {
      builder.add(p);
      for (long m = (long) p * p; m < limit; m += p) {
        composite.set((int) m);
      }
    }
    return builder.build();
  }
}
