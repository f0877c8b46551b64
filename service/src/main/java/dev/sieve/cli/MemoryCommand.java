package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code sieve memory}: the server's memory report as a table, a row per set with its exact bytes,
 * bytes per element, the {@code HashSet} baseline, and a bar of its bytes against that baseline
 * (a full bar is the baseline; {@code !} at the end: the set is larger than its baseline).
 */
@Command(name = "memory",
    description = "Shows every set's bytes against what a HashSet of the same elements would take.",
    footer = {"  sieve memory", "  sieve memory --json | jq '.structures[] | {name, bytesPerElement}'"})
final class MemoryCommand extends ClientCommand {
  static final int BAR_WIDTH = 30;

  @Override
  public Integer call() {
    return show(ApiPath.of("v1", "memory"), MemoryCommand::table);
  }

  /** The report as text: header, a row per structure, then the JVM's and the process's figures. */
  static String table(JsonObject report) {
    StringBuilder text = new StringBuilder();
    String format = "%-8s %-16s %14s %11s %8s %11s  %-" + (BAR_WIDTH + 2) + "s %7s%n";
    text.append(String.format(Locale.ROOT, format,
        "KIND", "NAME", "ELEMENTS", "BYTES", "B/ELEM", "HASHSET", "BYTES VS HASHSET", "RATIO"));
    long total = 0;
    long totalBaseline = 0;
    for (Object o : report.getJsonArray("structures")) {
      JsonObject row = (JsonObject) o;
      long bytes = row.getLong("bytes");
      long baseline = row.getLong("baselineBytes");
      total += bytes;
      totalBaseline += baseline;
      text.append(String.format(Locale.ROOT, format,
          row.getString("kind"), row.getString("name"), Units.count(row.getLong("count")),
          Units.bytes(bytes), String.format(Locale.ROOT, "%.2f", row.getDouble("bytesPerElement")),
          Units.bytes(baseline), bar(bytes, baseline), ratio(bytes, baseline)));
    }
    text.append(String.format(Locale.ROOT, format, "", "total", "", Units.bytes(total), "",
        Units.bytes(totalBaseline), bar(total, totalBaseline), ratio(total, totalBaseline)));
    JsonObject jvm = report.getJsonObject("jvm");
    long rss = report.getJsonObject("process").getLong("rssBytes", -1L);
    text.append(String.format(Locale.ROOT, "%nheap used %s of %s committed, %s max; process RSS %s%n",
        Units.bytes(jvm.getLong("heapUsed")), Units.bytes(jvm.getLong("heapCommitted")),
        Units.bytes(jvm.getLong("heapMax")), Units.bytes(rss)));
    return text.toString();
  }

  /** {@code [###.....]}: bytes as a share of the baseline; at least one {@code #} for a non-empty set. */
  static String bar(long bytes, long baseline) {
    if (baseline <= 0) {
      return "[" + " ".repeat(BAR_WIDTH) + "]";
    }
    double share = (double) bytes / baseline;
    int filled = (int) Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH));
    if (bytes > 0 && filled == 0) {
      filled = 1;
    }
    String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
    return "[" + (share > 1 ? bar.substring(0, BAR_WIDTH - 1) + "!" : bar) + "]";
  }

  static String ratio(long bytes, long baseline) {
    return baseline <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * bytes / baseline);
  }
}
