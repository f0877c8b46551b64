package dev.sieve.api;

import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.SetOperation;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetNames;
import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetVersion;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds or replaces a number set from others ({@code and}, {@code or}, {@code xor}, {@code
 * andnot}, folded left to right). The operands are the versions serving when the call is made; the
 * algebra runs on the worker executor, never on the event loop. Thread-safe.
 */
public final class SetCombiner {
  private final SetRegistry<NumberSet> sets;
  private final WorkerExecutor workers;

  public SetCombiner(SetRegistry<NumberSet> sets, WorkerExecutor workers) {
    this.sets = sets;
    this.workers = workers;
  }

  /**
   * Installs {@code op} over {@code operands} as {@code name}.
   *
   * @throws IllegalArgumentException for an unknown operation, no operands or a bad name
   * @throws NoSuchSetException for an operand that is not there
   */
  public Future<SetVersion<NumberSet>> combine(String name, String op, List<String> operands) {
    if (!SetNames.isValid(name)) {
      throw new IllegalArgumentException("invalid set name (expected [A-Za-z0-9._-]{1,64}): " + name);
    }
    SetOperation operation = SetOperation.parse(op);
    if (operands == null || operands.isEmpty()) {
      throw new IllegalArgumentException("expected \"sets\": a non-empty array of set names");
    }
    List<NumberSet> inputs = new ArrayList<>(operands.size());
    for (String operand : operands) {
      if (!SetNames.isValid(operand)) {
        throw new IllegalArgumentException("invalid set name in sets: " + operand);
      }
      inputs.add(sets.get(operand).orElseThrow(() -> new NoSuchSetException(SetKind.NUMBERS, operand)).set());
    }
    return workers.executeBlocking(() -> operation.apply(inputs), false)
        .map(result -> sets.replace(name, result, HashSetBaseline.ofLongs(result.cardinality())));
  }
}
