package dev.sieve.api;

import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.SetOperation;
import dev.sieve.registry.SetNames;
import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds or replaces a number set from others ({@code and}, {@code or}, {@code xor}, {@code
 * andnot}, folded left to right). The operands are the versions serving when the call is made
 * (base and delta); the algebra and the storing of the result (snapshot, catalog) run on the
 * worker executor, never on the event loop. Thread-safe.
 */
public final class SetCombiner {
  private final SetRegistry<NumberDelta> sets;
  private final SetStore store;
  private final WorkerExecutor workers;

  public SetCombiner(SetRegistry<NumberDelta> sets, SetStore store, WorkerExecutor workers) {
    this.sets = sets;
    this.store = store;
    this.workers = workers;
  }

  /**
   * Installs {@code op} over {@code operands} as {@code name}.
   *
   * @throws IllegalArgumentException for an unknown operation, no operands or a bad name
   * @throws dev.sieve.registry.NoSuchSetException for an operand that is not there
   */
  public Future<SetVersion<NumberDelta>> combine(String name, String op, List<String> operands) {
    if (!SetNames.isValid(name)) {
      throw new IllegalArgumentException("invalid set name (expected [A-Za-z0-9._-]{1,64}): " + name);
    }
    SetOperation operation = SetOperation.parse(op);
    if (operands == null || operands.isEmpty()) {
      throw new IllegalArgumentException("expected \"sets\": a non-empty array of set names");
    }
    List<NumberDelta> inputs = new ArrayList<>(operands.size());
    for (String operand : operands) {
      if (!SetNames.isValid(operand)) {
        throw new IllegalArgumentException("invalid set name in sets: " + operand);
      }
      inputs.add(sets.require(operand).set());
    }
    return workers.executeBlocking(() -> {
      List<NumberSet> frozen = new ArrayList<>(inputs.size());
      for (NumberDelta input : inputs) {
        frozen.add(input.compact());
      }
      NumberSet result = operation.apply(frozen);
      return store.replaceNumbers(name, result, HashSetBaseline.ofLongs(result.cardinality()));
    }, false);
  }
}
