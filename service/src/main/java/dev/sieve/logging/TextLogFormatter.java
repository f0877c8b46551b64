package dev.sieve.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record: {@code 2026-12-01T19:22:26.417+0000 INFO dev.sieve.SieveService message
 * requestId=...} (the request id only on lines logged for a request), a stack trace on the lines
 * after when there is one. The layout the server always had, so that greps keep working.
 */
public final class TextLogFormatter extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneId.systemDefault());

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(160);
    line.append(TIME.format(record.getInstant())).append(' ')
        .append(record.getLevel().getName()).append(' ')
        .append(record.getLoggerName()).append(' ');
    LogFields fields = LogFields.of(record);
    if (fields == null) {
      line.append(formatMessage(record));
    } else {
      String message = record.getMessage();
      if (message != null && !message.isEmpty()) {
        line.append(message).append(' ');
      }
      line.append(fields.logfmt());
    }
    String id = AsyncLogHandler.requestId(record);
    if (id != null) {
      line.append(" requestId=").append(id);
    }
    line.append(System.lineSeparator());
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }
}
