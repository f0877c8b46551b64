package dev.sieve.logging;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How log lines are written: {@code text} (the default) or {@code json}, one record per line on standard error. */
public enum LogFormat {
  TEXT, JSON;

  /** The format named {@code name} ({@code text} or {@code json}, any case). */
  public static LogFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--log-format must be text or json, not: " + name);
    }
  }

  public Formatter formatter() {
    return this == JSON ? new JsonLogFormatter() : new TextLogFormatter();
  }

  /**
   * Makes the root logger write every record of INFO and above to standard error in this format,
   * in place of the JDK's default console handler (whose two-line layout this replaces), off the
   * logging thread ({@link AsyncLogHandler}: an event loop never formats nor waits on a line).
   */
  public void install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
      }
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(Level.ALL);
    console.setFormatter(formatter());
    root.addHandler(new AsyncLogHandler(console));
  }
}
