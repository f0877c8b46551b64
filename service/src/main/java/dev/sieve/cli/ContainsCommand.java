package dev.sieve.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve contains words|numbers NAME VALUE...}: one line per value, {@code VALUE<TAB>present}
 * or {@code absent}; exit code 0 when every value is present, 1 otherwise (like {@code grep}).
 * Several values go in one batched request, as JSON, so a word may hold any character.
 */
@Command(name = "contains",
    description = "Tells whether each VALUE is in the set NAME (exit code 1 if any is absent).",
    footer = {"  sieve contains words en sieve siev", "  sieve contains numbers primes 7 8"})
final class ContainsCommand extends ClientCommand {
  @Mixin
  SetArgs set;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE", description = "words, or natural numbers")
  List<String> values;

  @Override
  public Integer call() {
    JsonArray batch = new JsonArray();
    for (String value : values) {
      if (set.kind == Kind.NUMBERS) {
        try {
          batch.add(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw new ParameterException(spec.commandLine(), "not a natural number: " + value);
        }
      } else {
        batch.add(value);
      }
    }
    SieveClient.Reply answer = client().post(
        ApiPath.of("v1", set.kind.path(), set.name, "contains"), new JsonObject().put(set.kind.path(), batch));
    JsonArray present = answer.json().getJsonArray("present");
    boolean all = true;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      boolean yes = present.getBoolean(i);
      all &= yes;
      text.append(values.get(i)).append('\t').append(yes ? "present" : "absent").append('\n');
    }
    if (json()) {
      printJson(answer.text());
    } else {
      print(text.toString());
    }
    return all ? 0 : SieveCli.ABSENT;
  }
}
