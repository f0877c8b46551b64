package dev.sieve.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code add} and {@code remove}: an update batch, from the command line (sent as one JSON batch,
 * so a word may hold any character) or from a file or standard input (streamed as lines, gzip
 * told by its first bytes, as {@code load} does). The server applies it whole or not at all and
 * answers once it is journaled.
 */
abstract class UpdateCommand extends ClientCommand {
  private static final Pattern NATURAL = Pattern.compile("[0-9]{1,18}");

  @Mixin
  SetArgs set;

  @Parameters(index = "2..*", arity = "0..*", paramLabel = "VALUE",
      description = "words, or numbers and ranges a-b; a lone - reads lines from standard input")
  List<String> values;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "read the values from FILE, one per line (- for standard input; gzip or not)")
  String file;

  /** {@code add} or {@code remove}: the last segment of the route. */
  abstract String op();

  /** {@code added} or {@code removed}: the field of the answer that counts what changed. */
  abstract String changed();

  @Override
  public Integer call() {
    boolean hasValues = values != null && !values.isEmpty();
    String source = file == null && List.of("-").equals(values) ? "-" : file;
    if (source == null ? !hasValues : file != null && hasValues) {
      throw new ParameterException(spec.commandLine(), "give either VALUE... or -f FILE (- for standard input)");
    }
    boolean fromArgs = source == null;
    ApiPath path = ApiPath.of("v1", set.kind.path(), set.name, op());
    SieveClient.Reply answer;
    if (fromArgs) {
      answer = client().post(path, new JsonObject().put(set.kind.path(), batch()));
    } else {
      Upload upload = Upload.open(source, cli.stdin);
      if (set.kind == Kind.NUMBERS && upload.type().roaring()) {
        throw new ParameterException(spec.commandLine(),
            ("-".equals(source) ? "standard input" : source) + " is a Roaring bitmap: " + op() + " takes lines (sieve load takes Roaring files)");
      }
      answer = client().upload(path, "POST", upload, set.kind == Kind.NUMBERS, cli.answerWait());
    }
    if (json()) {
      printJson(answer.text());
    } else {
      JsonObject a = answer.json();
      print(String.format("%s %s: %s %s, now %s %s (version %s)%n", set.kind.path(), set.name, changed(),
          Units.count(a.getLong(changed(), 0L)), Units.count(a.getLong("count", 0L)), set.kind.path(), a.getValue("version")));
    }
    return 0;
  }

  /** The values as the JSON batch: numbers as numbers, anything else (a range) as a string the server reads. */
  private JsonArray batch() {
    JsonArray batch = new JsonArray();
    for (String value : values) {
      batch.add(set.kind == Kind.NUMBERS && NATURAL.matcher(value).matches() ? (Object) Long.parseLong(value) : value);
    }
    return batch;
  }
}
