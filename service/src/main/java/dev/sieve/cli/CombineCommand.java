package dev.sieve.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve combine OP TARGET SET...}: builds (or replaces) the number set TARGET as OP folded
 * left over the SETs ({@code POST /v1/numbers/TARGET/combine}, {@code {"op", "sets"}}), like
 * Redis's {@code SINTERSTORE destination key...}.
 */
@Command(name = "combine",
    description = {"Builds the number set TARGET as OP folded left over the SETs (TARGET may be one of them).",
        "OP: and (in every set), or (in any), xor (in an odd number), andnot (in the first, in none of the others)."},
    footer = {"  sieve combine and seven-primes primes sevens", "  sieve combine andnot other primes sevens"})
final class CombineCommand extends ClientCommand {
  /** The set operations of the route. */
  enum Op { AND, OR, XOR, ANDNOT }

  @Parameters(index = "0", paramLabel = "OP", description = "and, or, xor or andnot")
  Op op;

  @Parameters(index = "1", paramLabel = "TARGET", description = "the number set to build or replace")
  String target;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "SET", description = "the number sets to combine, in order")
  List<String> sets;

  @Override
  public Integer call() {
    JsonObject body = new JsonObject().put("op", op.name().toLowerCase(Locale.ROOT)).put("sets", new JsonArray(List.copyOf(sets)));
    SieveClient.Reply answer = client().post(ApiPath.of("v1", "numbers", target, "combine"), body);
    if (json()) {
      printJson(answer.text());
    } else {
      print(LoadCommand.summary(Kind.NUMBERS, target, answer.json()));
    }
    return 0;
  }
}
