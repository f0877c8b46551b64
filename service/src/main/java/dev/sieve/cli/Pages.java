package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Listing a set a page at a time, as {@code prefix} and {@code range} do: each page has the
 * elements under {@code field}, the {@code count} of all there are, and a {@code next} cursor
 * (null at the end) that the next page is asked {@code after}. The elements are printed a line
 * each as the pages come (never all held); with {@code --json}, each page as the server sent it.
 */
final class Pages {
  /** The most the server gives in one page. */
  static final int MAX_PAGE = 10_000;

  /** What was listed: elements printed, and how many there are in all. */
  record Listed(long shown, long count) {}

  private Pages() {}

  /**
   * Prints the first page ({@code pageAfter.apply(null)}), and with {@code all} every next one
   * ({@code pageAfter.apply(cursor)}).
   */
  static Listed list(ClientCommand command, Function<Object, ApiPath> pageAfter, String field, boolean all) {
    return list(command, pageAfter, field, all, String::valueOf);
  }

  /** As above, each element printed as {@code line} makes it (fuzzy matches: {@code WORD<TAB>DISTANCE}). */
  static Listed list(ClientCommand command, Function<Object, ApiPath> pageAfter, String field, boolean all,
      Function<Object, String> line) {
    long shown = 0;
    long count;
    Object after = null;
    do {
      SieveClient.Reply reply = command.client().get(pageAfter.apply(after));
      JsonObject page = reply.json();
      count = page.getLong("count");
      if (command.json()) {
        command.printJson(reply.text());
      } else {
        StringBuilder text = new StringBuilder();
        for (Object element : page.getJsonArray(field)) {
          text.append(line.apply(element)).append('\n');
          shown++;
        }
        command.print(text.toString());
      }
      after = page.getValue("next");
    } while (all && after != null);
    return new Listed(shown, count);
  }
}
