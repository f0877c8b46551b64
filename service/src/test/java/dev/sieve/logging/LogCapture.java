package dev.sieve.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines a logger writes, formatted as they are logged (on the thread that logs: the formatter
 * reads the request id from that thread's Vert.x context, as the console handler's does).
 */
public final class LogCapture extends Handler implements AutoCloseable {
  public final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Formatter formatter;

  private LogCapture(Logger logger, Formatter formatter) {
    this.logger = logger;
    this.formatter = formatter;
  }

  /** Captures {@code loggerName}'s records as {@code format} writes them, until closed. */
  public static LogCapture of(String loggerName, LogFormat format) {
    LogCapture capture = new LogCapture(Logger.getLogger(loggerName), format.formatter());
    capture.logger.addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(formatter.format(record).strip());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
