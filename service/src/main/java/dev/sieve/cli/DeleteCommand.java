package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve delete words|numbers NAME}: deletes a set. The server answers 204 with no body, so
 * {@code --json} prints {@code {"kind":..,"name":..,"deleted":true}}, written by the client.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Deletes the set NAME (needs the token when the server has one).",
    footerHeading = "%nExample:%n",
    footer = "  sieve delete numbers sevens")
final class DeleteCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "KIND", description = "words or numbers")
  Kind kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "the set")
  String name;

  @Override
  public Integer call() {
    client().delete(ApiPath.of("v1", kind.path(), name));
    if (json()) {
      printJson(new JsonObject().put("kind", kind.path()).put("name", name).put("deleted", true).encode());
    } else {
      print("deleted " + kind.path() + " " + name + "\n");
    }
    return 0;
  }
}
