package dev.sieve.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;

/**
 * {@code sieve loads}: the loads running now and the last ones that ended ({@code GET
 * /v1/loads}), a row each with its phase, lines and bytes read, rate, time, and what it built or
 * why it failed; then the load memory budget.
 */
@Command(name = "loads",
    description = "Shows the loads running now and the last ones that ended, and the load memory budget.",
    footer = {"  sieve loads", "  sieve loads --json | jq '.running | length'"})
final class LoadsCommand extends ClientCommand {
  @Override
  public Integer call() {
    return show(ApiPath.of("v1", "loads"), LoadsCommand::text);
  }

  /** The loads as a table, then the budget. */
  static String text(JsonObject loads) {
    TextTable table = new TextTable(">ID", "KIND", "NAME", "PHASE", ">LINES", ">READ", ">RATE", ">TIME", "RESULT");
    rows(table, loads.getJsonArray("running"));
    rows(table, loads.getJsonArray("recent"));
    StringBuilder text = new StringBuilder(table.isEmpty() ? "(no loads)\n" : table.render());
    JsonObject memory = loads.getJsonObject("memory");
    if (memory != null) {
      text.append(String.format("%nload memory: %s of %s reserved by %s loads; refused %s busy, %s too large%n",
          Units.bytes(memory.getLong("reserved", -1L)), Units.bytes(memory.getLong("limit", -1L)),
          memory.getValue("reservations"), memory.getValue("refusedBusy"), memory.getValue("refusedTooLarge")));
    }
    return text.toString();
  }

  private static void rows(TextTable table, JsonArray loads) {
    if (loads == null) {
      return;
    }
    for (Object o : loads) {
      JsonObject load = (JsonObject) o;
      String result = load.containsKey("error") ? load.getString("error")
          : load.containsKey("count") ? Units.count(load.getLong("count")) + " elements, " + Units.bytes(load.getLong("bytes", -1L))
          : "";
      table.row(load.getValue("id"), load.getString("kind"), load.getString("name"), load.getString("phase"),
          Units.count(load.getLong("lines", 0L)), Units.bytes(load.getLong("bytesRead", -1L)),
          Units.bytes(load.getLong("bytesPerSecond", -1L)) + "/s",
          String.format(java.util.Locale.ROOT, "%.1f s", load.getLong("elapsedMs", 0L) / 1000.0), result);
    }
  }
}
