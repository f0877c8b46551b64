package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: Prometheus text with per-route HTTP meters, set gauges, load counters, JVM. */
class MetricsTest {
  @RegisterExtension
  final SieveServerExtension metered = new SieveServerExtension().withMetrics();
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  /** The value of the series whose name and labels are exactly {@code series}, or NaN if absent. */
  static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  @Test
  void setsLoadsRoutesAndJvmAreThere() {
    assertEquals(200, metered.http().put("/v1/words/colors", "red\ngreen\nblue\n").status());
    assertEquals(200, metered.http().put("/v1/numbers/small", "1\n2\n3-10\n").status());
    assertEquals(400, metered.http().put("/v1/numbers/broken", "1\nnot a number\n").status());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, metered.http().get("/v1/words/colors/contains?word=red").status());
    }
    assertEquals(404, metered.http().get("/v1/words/nothing/contains?word=red").status());

    Answer answer = metered.http().get("/metrics");
    assertEquals(200, answer.status());
    assertTrue(answer.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String text = answer.body();

    assertEquals(3, value(text, "sieve_set_elements{kind=\"words\",name=\"colors\"}"));
    assertEquals(10, value(text, "sieve_set_elements{kind=\"numbers\",name=\"small\"}"));
    assertTrue(value(text, "sieve_set_bytes{kind=\"words\",name=\"colors\"}") > 0, text);
    assertTrue(value(text, "sieve_set_baseline_bytes{kind=\"numbers\",name=\"small\"}") > 0, text);
    assertEquals(1, value(text, "sieve_loads_total{kind=\"words\",outcome=\"done\"}"));
    assertEquals(1, value(text, "sieve_loads_total{kind=\"numbers\",outcome=\"done\"}"));
    assertEquals(1, value(text, "sieve_loads_total{kind=\"numbers\",outcome=\"failed\"}"));
    // 3 lines of "small", and "broken" read up to its bad line 2
    assertEquals(3 + 2, value(text, "sieve_load_lines_total{kind=\"numbers\"}"));
    assertEquals(0, value(text, "sieve_loads_running"));

    // per route template, never per raw path
    assertEquals(3, value(text,
        "vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/v1/words/:name/contains\"}"));
    assertEquals(1, value(text,
        "vertx_http_server_requests_total{code=\"404\",method=\"GET\",route=\"/v1/words/:name/contains\"}"));
    assertEquals(3, value(text,
        "vertx_http_server_response_time_seconds_bucket{code=\"200\",method=\"GET\",route=\"/v1/words/:name/contains\",le=\"+Inf\"}"));
    assertTrue(!text.contains("colors/contains"), "a raw path leaked into a label");

    assertTrue(value(text, "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"}") >= 0
        || text.contains("jvm_memory_used_bytes{area=\"heap\""), "JVM memory gauges");
    assertTrue(text.contains("jvm_gc_") && text.contains("jvm_threads_live_threads") && text.contains("process_cpu_usage"));
  }

  @Test
  void aServerOnAPlainVertxStillServesItsOwnMeters() {
    assertEquals(200, server.http().put("/v1/words/w", "a\nb\n").status());
    String text = server.http().get("/metrics").body();
    assertEquals(2, value(text, "sieve_set_elements{kind=\"words\",name=\"w\"}"));
    assertTrue(text.contains("jvm_memory_used_bytes"));

    assertEquals(204, server.http().delete("/v1/words/w").status());
    String after = server.http().get("/metrics").body();
    assertTrue(!after.contains("name=\"w\""), "a deleted set keeps its gauges: " + after);
  }
}
