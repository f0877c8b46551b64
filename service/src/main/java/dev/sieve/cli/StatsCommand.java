package dev.sieve.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve stats words|numbers NAME}: a set's statistics ({@code GET /v1/KIND/NAME}) as
 * {@code key: value} lines, whatever fields the server sends ({@link KeyValues}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Shows the statistics of the set NAME: elements, bytes, version, pending updates.",
    footerHeading = "%nExamples:%n",
    footer = {"  sieve stats words en", "  sieve stats numbers primes --json"})
final class StatsCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "KIND", description = "words or numbers")
  Kind kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "the set")
  String name;

  @Override
  public Integer call() {
    SieveClient.Reply reply = client().get(ApiPath.of("v1", kind.path(), name));
    if (json()) {
      printJson(reply.text());
    } else {
      print(KeyValues.of(reply.json()));
    }
    return 0;
  }
}
