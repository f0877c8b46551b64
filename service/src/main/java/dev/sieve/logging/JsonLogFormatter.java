package dev.sieve.logging;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code {"time":"2026-12-01T19:22:26.417Z","level":"INFO",
 * "logger":"dev.sieve.SieveService","message":"...","requestId":"..."}}, plus a record's {@link
 * LogFields} as fields of their own and {@code "error"} (the stack trace) when it has one. Encoded
 * by Vert.x's JSON codec (Jackson), so every string is escaped as JSON wants.
 */
public final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("time", record.getInstant().toString())
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName());
    LogFields fields = LogFields.of(record);
    line.put("message", fields == null ? formatMessage(record) : record.getMessage());
    String id = AsyncLogHandler.requestId(record);
    if (id != null) {
      line.put("requestId", id);
    }
    if (fields != null) {
      for (Map.Entry<String, Object> e : fields.values().entrySet()) {
        line.put(e.getKey(), e.getValue());
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }
}
