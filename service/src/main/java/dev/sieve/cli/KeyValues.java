package dev.sieve.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A JSON object as {@code key: value} lines, in the order the server sent the fields, nested
 * objects flattened to dotted keys ({@code delta.added: 3}), arrays of plain values joined by
 * commas: so {@code stats} and {@code info} print whatever fields a server version sends,
 * without knowing their names.
 */
final class KeyValues {
  private KeyValues() {}

  static String of(JsonObject json) {
    StringBuilder text = new StringBuilder();
    append(text, "", json);
    return text.toString();
  }

  private static void append(StringBuilder text, String prefix, JsonObject json) {
    for (Map.Entry<String, Object> field : json) {
      String key = prefix + field.getKey();
      Object value = field.getValue();
      if (value instanceof JsonObject nested && !nested.isEmpty()) {
        append(text, key + ".", nested);
      } else {
        text.append(key).append(": ").append(show(value)).append('\n');
      }
    }
  }

  private static String show(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof JsonArray array) {
      StringBuilder joined = new StringBuilder();
      for (Object item : array) {
        joined.append(joined.length() > 0 ? ", " : "").append(item instanceof JsonObject o ? o.encode() : show(item));
      }
      return joined.toString();
    }
    return value.toString();
  }
}
