package dev.sieve.registry;

import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.store.Snapshots;
import dev.sieve.words.WordCursor;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.io.IOException;

/**
 * What differs between word sets and number sets as far as {@link SetStore} is concerned: the
 * live type ({@code D}: base plus delta), the frozen base type ({@code B}), and how to fold,
 * rebase, count, measure and snapshot them. Stateless apart from the registry it serves.
 */
abstract class SetFamily<D, B> {
  final String kind;
  final SetRegistry<D> sets;

  SetFamily(String kind, SetRegistry<D> sets) {
    this.kind = kind;
    this.sets = sets;
  }

  /** A frozen base with an empty delta. */
  abstract D of(B base);

  abstract B base(D set);

  /** The delta folded into a new base (CPU-heavy). */
  abstract B compact(D set);

  /** {@code current} expressed over {@code newBase}, which holds what {@code folded} held. */
  abstract D rebase(D current, B newBase, D folded);

  abstract long baseCount(B base);

  /** What a {@code HashSet} of the base's elements would take. */
  abstract long baseline(B base);

  abstract Snapshots.Written write(Snapshots snapshots, String name, long version, B base) throws IOException;

  static final class Words extends SetFamily<WordDelta, WordSet> {
    Words(SetRegistry<WordDelta> sets) {
      super(Snapshots.WORDS, sets);
    }

    @Override
    WordDelta of(WordSet base) {
      return WordDelta.of(base);
    }

    @Override
    WordSet base(WordDelta set) {
      return set.base();
    }

    @Override
    WordSet compact(WordDelta set) {
      return set.compact();
    }

    @Override
    WordDelta rebase(WordDelta current, WordSet newBase, WordDelta folded) {
      return current.rebase(newBase, folded);
    }

    @Override
    long baseCount(WordSet base) {
      return base.size();
    }

    @Override
    long baseline(WordSet base) {
      HashSetBaseline.Strings baseline = new HashSetBaseline.Strings();
      WordCursor cursor = base.cursor();
      while (cursor.next()) {
        baseline.add(cursor.current());
      }
      return baseline.bytes();
    }

    @Override
    Snapshots.Written write(Snapshots snapshots, String name, long version, WordSet base) throws IOException {
      return snapshots.writeWords(name, version, base);
    }
  }

  static final class Numbers extends SetFamily<NumberDelta, NumberSet> {
    Numbers(SetRegistry<NumberDelta> sets) {
      super(Snapshots.NUMBERS, sets);
    }

    @Override
    NumberDelta of(NumberSet base) {
      return NumberDelta.of(base);
    }

    @Override
    NumberSet base(NumberDelta set) {
      return set.base();
    }

    @Override
    NumberSet compact(NumberDelta set) {
      return set.compact();
    }

    @Override
    NumberDelta rebase(NumberDelta current, NumberSet newBase, NumberDelta folded) {
      return current.rebase(newBase, folded);
    }

    @Override
    long baseCount(NumberSet base) {
      return base.cardinality();
    }

    @Override
    long baseline(NumberSet base) {
      return HashSetBaseline.ofLongs(base.cardinality());
    }

    @Override
    Snapshots.Written write(Snapshots snapshots, String name, long version, NumberSet base) throws IOException {
      return snapshots.writeNumbers(name, version, base);
    }
  }
}
