package dev.sieve.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The two log formats, the fields of structured lines, and the request id rules. */
class LogFormatTest {
  private static LogRecord record(Level level, String message) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("dev.sieve.test");
    r.setInstant(Instant.parse("2026-12-01T19:22:26.417Z"));
    return r;
  }

  private static LogRecord withFields(Map<String, Object> values) {
    LogRecord r = record(Level.INFO, "");
    r.setParameters(new Object[] {new LogFields(values)});
    return r;
  }

  @Test
  void textIsOneLineAsBefore() {
    String line = new TextLogFormatter().format(record(Level.WARNING, "event=load.failed id=7"));
    assertTrue(line.matches("2026-12-01T\\d\\d:22:26\\.417[+-]\\d{4} WARNING dev\\.sieve\\.test event=load\\.failed id=7\\R"), line);
  }

  @Test
  void jsonIsOneObjectPerLineEscaped() {
    LogRecord r = record(Level.SEVERE, "a \"quoted\"\nsecond line");
    r.setThrown(new IllegalStateException("boom"));
    String line = new JsonLogFormatter().format(r);
    assertEquals(1, line.strip().lines().count(), "one line: " + line);
    JsonObject json = new JsonObject(line);
    assertEquals("2026-12-01T19:22:26.417Z", json.getString("time"));
    assertEquals("SEVERE", json.getString("level"));
    assertEquals("dev.sieve.test", json.getString("logger"));
    assertEquals("a \"quoted\"\nsecond line", json.getString("message"));
    assertTrue(json.getString("error").startsWith("java.lang.IllegalStateException: boom"));
    assertFalse(json.containsKey("requestId"), "no request outside a request");
  }

  @Test
  void fieldsAreLogfmtInTextAndFieldsInJson() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("method", "GET");
    values.put("path", "/v1/words/a b");
    values.put("status", 200);
    values.put("durationMs", 1.25);
    String text = new TextLogFormatter().format(withFields(values));
    assertTrue(text.strip().endsWith(" INFO dev.sieve.test method=GET path=\"/v1/words/a b\" status=200 durationMs=1.25"), text);
    JsonObject json = new JsonObject(new JsonLogFormatter().format(withFields(values)));
    assertEquals("/v1/words/a b", json.getString("path"));
    assertEquals(200, json.getInteger("status"));
    assertEquals(1.25, json.getDouble("durationMs"));
    assertEquals("\"\"", LogFields.quoted(""));
    assertEquals("\"a=b\"", LogFields.quoted("a=b"));
  }

  @Test
  void linesLoggedOnARequestsContextCarryItsId() {
    Vertx vertx = Vertx.vertx();
    try {
      var context = ((io.vertx.core.internal.ContextInternal) vertx.getOrCreateContext()).duplicate();
      String[] lines = new String[2];
      context.runOnContext(v -> {
        new RequestContext("abc", System.nanoTime()).attachTo(context);
        lines[0] = new TextLogFormatter().format(record(Level.INFO, "hello"));
        lines[1] = new JsonLogFormatter().format(record(Level.INFO, "hello"));
      });
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (lines[1] == null && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(lines[0].strip().endsWith(" hello requestId=abc"), lines[0]);
      assertEquals("abc", new JsonObject(lines[1]).getString("requestId"));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void formatsByName() {
    assertEquals(LogFormat.JSON, LogFormat.parse(" JSON "));
    assertEquals(LogFormat.TEXT, LogFormat.parse("text"));
    assertEquals("--log-format must be text or json, not: xml",
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("xml")).getMessage());
  }

  @Test
  void requestIdRules() {
    assertTrue(RequestContext.sane("a"));
    assertTrue(RequestContext.sane("~!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}"));
    assertTrue(RequestContext.sane("x".repeat(RequestContext.MAX_ID_LENGTH)));
    assertFalse(RequestContext.sane("x".repeat(RequestContext.MAX_ID_LENGTH + 1)));
    assertFalse(RequestContext.sane(""));
    assertFalse(RequestContext.sane(null));
    assertFalse(RequestContext.sane("a b"));
    assertFalse(RequestContext.sane("a\nb"));
    assertFalse(RequestContext.sane("é"));
    assertEquals("kept", RequestContext.forHeader("kept").id());
    assertTrue(RequestContext.forHeader("not kept").id().matches("[0-9a-f]{16}"));
  }
}
