package dev.sieve;

import dev.sieve.api.Operations;
import dev.sieve.ingest.GzipStream;
import dev.sieve.ingest.InputStreamSource;
import dev.sieve.ingest.OnError;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.registry.SetFamily;
import dev.sieve.registry.SetKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

  static Future<Void> load(Vertx vertx, Operations ops) {
    Context context = vertx.getOrCreateContext();
    Future<Void> words = context.<InputStream>executeBlocking(() -> {
      InputStream raw = DemoData.class.getResourceAsStream(WORDS_RESOURCE);
      if (raw == null) {
        throw new FileNotFoundException("resource " + WORDS_RESOURCE);
      }
      return raw;
    }, false).compose(raw -> words(ops, context, raw)).mapEmpty();
    Future<Void> primes = ops.workers().builds().executeBlocking(() -> primes(PRIMES_BELOW), false)
        .compose(set -> ops.store(SetFamily.NUMBERS, "primes", set)).mapEmpty();
    return Future.all(words, primes).mapEmpty();
  }

  /**
   * Stores as {@code en} the word set of the gzip stream {@code raw}, read on {@code context}
   * through the same strict gzip stage and load operation as uploads ({@code GZIPInputStream}
   * would ignore data after a member); fails naming the resource and what is wrong with it (a
   * truncated or damaged file).
   */
  static Future<Operations.LoadAnswer> words(Operations ops, Context context, InputStream raw) {
    return ops.replace(SetKind.WORDS, "en", new GzipStream(new InputStreamSource(context, raw), Long.MAX_VALUE, context),
            Operations.Format.LINES, OnError.FAIL)
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
