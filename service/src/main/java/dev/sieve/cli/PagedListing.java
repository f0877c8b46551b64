package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Walks the pages of a listing route (an answer with {@code count}, an array of items and a
 * {@code next} cursor): one page of {@code limit} items, or with {@code all} every page of 10,000.
 */
final class PagedListing {
  private PagedListing() {}

  /** What the walk saw: items handed on, and the route's {@code count} (all items in the set). */
  record Walked(long shown, long count) {}

  /** Gets {@code path} (its query started) page by page, handing each item of {@code field} to {@code each}. */
  static Walked walk(SieveClient client, String path, String field, int limit, boolean all, Consumer<Object> each) {
    int pageSize = all ? 10_000 : Math.max(1, Math.min(limit, 10_000));
    long shown = 0;
    long count;
    String after = null;
    do {
      JsonObject page = client.get(path + "&limit=" + pageSize + (after == null ? "" : "&after=" + SieveClient.query(after)));
      count = page.getLong("count");
      for (Object item : page.getJsonArray(field)) {
        each.accept(item);
        shown++;
      }
      after = page.getString("next");
    } while (all && after != null);
    return new Walked(shown, count);
  }
}
