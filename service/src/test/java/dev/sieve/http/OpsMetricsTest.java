package dev.sieve.http;

import static dev.sieve.http.MetricsTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.api.BuildInfo;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.grpc.common.GrpcStatus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build info gauge, gRPC call meters, and the names promtool would reject put right. */
class OpsMetricsTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension().withMetrics();

  private static ContainsRequest contains(String set) {
    return ContainsRequest.newBuilder().setSet(SetRef.newBuilder().setKind(Kind.WORDS).setName(set)).addWords("a").build();
  }

  @Test
  void buildInfoSaysWhichBuildServes() {
    BuildInfo build = BuildInfo.read();
    assertFalse(build.version().equals("unknown"), "the build writes its version");
    Matcher m = Pattern.compile("(?m)^sieve_build_info\\{java=\"([^\"]+)\",revision=\"([^\"]+)\",version=\"([^\"]+)\"} 1(\\.0)?$")
        .matcher(server.http().get("/metrics").body());
    assertTrue(m.find(), "sieve_build_info");
    assertEquals(System.getProperty("java.runtime.version"), m.group(1));
    assertEquals(build.revision(), m.group(2));
    assertEquals(build.version(), m.group(3));
  }

  @Test
  void grpcCallsAreCountedAndTimedByMethodAndStatus() throws Exception {
    assertEquals(200, server.http().put("/v1/words/w", "a\n").status());
    for (int i = 0; i < 3; i++) {
      server.grpc().call(SieveGrpcClient.Contains, contains("w"), null).ok();
    }
    assertEquals(GrpcStatus.NOT_FOUND, server.grpc().call(SieveGrpcClient.Contains, contains("none"), null).status());
    String labels = "grpc_code=\"%s\",grpc_method=\"Contains\",grpc_service=\"sieve.v1.Sieve\"";
    String ok = String.format(labels, "OK");
    String missing = String.format(labels, "NOT_FOUND");
    // the meter is recorded once the answer has gone: the client may see it a moment before
    String text = awaitSeries("grpc_server_handling_seconds_count{" + missing + "}");
    assertEquals(3, value(text, "grpc_server_handling_seconds_count{" + ok + "}"), text);
    assertEquals(1, value(text, "grpc_server_handling_seconds_count{" + missing + "}"));
    assertEquals(3, value(text, "grpc_server_handling_seconds_bucket{" + ok + ",le=\"+Inf\"}"));
    assertTrue(value(text, "grpc_server_handling_seconds_sum{" + ok + "}") > 0);
  }

  @Test
  void namesPromtoolRejectsAreGone() {
    String text = server.http().get("/metrics").body();
    assertFalse(text.contains("process_cpu_time_ns_total"), "abbreviated unit");
    assertFalse(text.contains("system_cpu_count "), "_count suffix on a gauge");
    assertEquals(Runtime.getRuntime().availableProcessors(), value(text, "system_cpus"));
    assertTrue(value(text, "process_cpu_seconds_total") > 0, "the CPU time, in seconds");
  }

  private String awaitSeries(String series) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String text = server.http().get("/metrics").body();
    while (Double.isNaN(value(text, series)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      text = server.http().get("/metrics").body();
    }
    return text;
  }
}
