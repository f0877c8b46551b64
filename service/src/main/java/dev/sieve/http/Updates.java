package dev.sieve.http;

import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import dev.sieve.store.JournalBatch;
import io.vertx.core.json.JsonObject;

/** What the word and number routes share for finding sets and answering updates. */
final class Updates {
  private Updates() {}

  /** The last path segment of an update route: {@code add} or {@code remove}. */
  static String path(JournalBatch.Op op) {
    return op == JournalBatch.Op.ADD ? "add" : "remove";
  }

  /**
   * The set serving under {@code name}; if there is none, 503 naming it when its snapshot is
   * unreadable or the stored sets are not restored yet, else 404.
   */
  static <T> SetVersion<T> find(SetStore store, SetRegistry<T> sets, String name, String noun) {
    return sets.get(name).orElseThrow(() -> sets.unavailable(name)
        .<ApiException>map(why -> new ApiException(503, why))
        .orElseGet(() -> store != null && !store.isOpen()
            ? new ApiException(503, "the service is starting: its stored sets are not restored yet")
            : ApiException.notFound("no " + noun + " set named " + name)));
  }

  /** Refuses an update of a missing set before its body is read. */
  static void requireExists(SetStore store, SetRegistry<?> sets, String name, String noun) {
    find(store, sets, name, noun);
  }

  /** {@code {"name", "kind", "added"|"removed", "count", "version"}}. */
  static JsonObject answer(String name, String kind, JournalBatch.Op op, SetStore.Updated u) {
    JsonObject answer = new JsonObject()
        .put("name", name)
        .put("kind", kind)
        .put(op == JournalBatch.Op.ADD ? "added" : "removed", u.changed())
        .put("count", u.count());
    if (kind.equals("numbers")) {
      answer.put("cardinality", u.count());
    }
    return answer.put("version", u.version());
  }
}
