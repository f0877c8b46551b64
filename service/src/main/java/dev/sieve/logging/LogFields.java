package dev.sieve.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Named values of one log line, kept apart from its message: the text format writes them as
 * {@code key=value} pairs (logfmt, values with spaces or quotes quoted), the JSON format as fields
 * of the line's object. Attached as a record's only parameter. Immutable.
 */
public record LogFields(Map<String, Object> values) {
  public LogFields {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Logs {@code fields} at {@code level} with an empty message. */
  public static void log(Logger logger, Level level, LogFields fields) {
    if (logger.isLoggable(level)) {
      LogRecord record = new LogRecord(level, "");
      record.setLoggerName(logger.getName());
      record.setParameters(new Object[] {fields});
      logger.log(record);
    }
  }

  /** The fields of {@code record}, or null when it has none. */
  static LogFields of(LogRecord record) {
    Object[] p = record.getParameters();
    return p != null && p.length == 1 && p[0] instanceof LogFields f ? f : null;
  }

  /** {@code key=value ...}, strings quoted when they hold a space, a quote, an equals sign or nothing. */
  String logfmt() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(e.getKey()).append('=').append(quoted(String.valueOf(e.getValue())));
    }
    return out.toString();
  }

  static String quoted(String s) {
    boolean plain = !s.isEmpty();
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = c > ' ' && c != '"' && c != '=' && c != '\\';
    }
    return plain ? s : '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
