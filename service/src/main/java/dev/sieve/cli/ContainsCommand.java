package dev.sieve.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sieve contains words|numbers NAME VALUE...}: one line per value, {@code VALUE<TAB>present}
 * or {@code absent}; exit code 0 when every value is present, 1 otherwise (like {@code grep}).
 * Several values go in one batched request.
 */
@Command(name = "contains", mixinStandardHelpOptions = true,
    description = "Tells whether each VALUE is in the set NAME (exit code 1 if any is absent).")
final class ContainsCommand implements Callable<Integer> {
  @ParentCommand
  SieveCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "words or numbers")
  Kind kind;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE")
  List<String> values;

  @Override
  public Integer call() {
    JsonArray batch = new JsonArray();
    for (String value : values) {
      if (kind == Kind.NUMBERS) {
        try {
          batch.add(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw new ParameterException(spec.commandLine(), "not a natural number: " + value);
        }
      } else {
        batch.add(value);
      }
    }
    String field = kind == Kind.WORDS ? "words" : "numbers";
    JsonObject answer = cli.client().post(
        "/v1/" + kind.path() + "/" + SieveClient.query(name) + "/contains", new JsonObject().put(field, batch));
    JsonArray present = answer.getJsonArray("present");
    PrintWriter out = spec.commandLine().getOut();
    boolean all = true;
    for (int i = 0; i < values.size(); i++) {
      boolean yes = present.getBoolean(i);
      all &= yes;
      out.println(values.get(i) + "\t" + (yes ? "present" : "absent"));
    }
    out.flush();
    return all ? 0 : 1;
  }
}
