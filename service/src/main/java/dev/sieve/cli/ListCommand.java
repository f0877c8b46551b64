package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve list [words|numbers]}: the sets, a row each with its elements, bytes, bytes per
 * element, version, pending updates and when it was loaded. With {@code --json}, the server's
 * {@code GET /v1/KIND} answer as is; for both kinds, one line per kind, words first.
 */
@Command(name = "list",
    description = "Lists the sets (of one KIND, or both) with their sizes.",
    footer = {"  sieve list", "  sieve list numbers --json | jq -r '.sets[].name'"})
final class ListCommand extends ClientCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "words or numbers (default: both)")
  Kind kind;

  @Override
  public Integer call() {
    TextTable table = new TextTable("KIND", "NAME", ">ELEMENTS", ">BYTES", ">B/ELEM", ">VERSION", ">DELTA", "LOADED");
    for (Kind k : kind == null ? Kind.values() : new Kind[] {kind}) {
      SieveClient.Reply reply = client().get(ApiPath.of("v1", k.path()));
      if (json()) {
        printJson(reply.text());
        continue;
      }
      for (Object o : reply.json().getJsonArray("sets")) {
        JsonObject set = (JsonObject) o;
        table.row(k.path(), set.getString("name"), Units.count(set.getLong("count", 0L)),
            Units.bytes(set.getLong("bytes", -1L)),
            String.format(Locale.ROOT, "%.2f", set.getDouble("bytesPerElement", 0.0)),
            set.getValue("version"), delta(set.getJsonObject("delta")), seconds(set.getString("loadedAt")));
      }
    }
    if (!json()) {
      print(table.isEmpty() ? "(no sets)\n" : table.render());
    }
    return 0;
  }

  /** {@code 2026-12-01T19:47:02Z}: an ISO instant to the second (the server sends nanoseconds); as it is if it is not one. */
  static String seconds(String instant) {
    try {
      return instant == null ? null : Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  /** {@code +3 -1}: elements added and removed since the base was frozen, or nothing. */
  static String delta(JsonObject delta) {
    if (delta == null || (delta.getLong("added", 0L) == 0 && delta.getLong("removed", 0L) == 0)) {
      return "";
    }
    return "+" + Units.count(delta.getLong("added", 0L)) + " -" + Units.count(delta.getLong("removed", 0L));
  }
}
