package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sieve delete words|numbers NAME}: deletes a set. The server answers 204 with no body, so
 * {@code --json} prints {@code {"kind":..,"name":..,"deleted":true}}, written by the client.
 */
@Command(name = "delete",
    description = "Deletes the set NAME (needs the token when the server has one).",
    footerHeading = "%nExample:%n",
    footer = "  sieve delete numbers sevens")
final class DeleteCommand extends ClientCommand {
  @Mixin
  SetArgs set;

  @Override
  public Integer call() {
    client().delete(ApiPath.of("v1", set.kind.path(), set.name));
    if (json()) {
      printJson(new JsonObject().put("kind", set.kind.path()).put("name", set.name).put("deleted", true).encode());
    } else {
      print("deleted " + set.kind.path() + " " + set.name + "\n");
    }
    return 0;
  }
}
