package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.api.Operations;
import dev.sieve.api.Workers;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetStore;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every route the server serves is in /openapi.yaml, and every operation there is served. */
class OpenApiTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):.*$");

  /** "GET /v1/words/{name}" for every operation of the document. */
  static Set<String> documented(String yaml) {
    Set<String> out = new TreeSet<>();
    boolean inPaths = false;
    String path = null;
    for (String line : yaml.split("\n")) {
      if (!line.startsWith(" ") && !line.isBlank()) {
        inPaths = line.startsWith("paths:");
        path = null;
        continue;
      }
      if (!inPaths) {
        continue;
      }
      Matcher p = PATH.matcher(line);
      if (p.matches()) {
        path = p.group(1);
        continue;
      }
      Matcher m = METHOD.matcher(line);
      if (m.matches() && path != null) {
        out.add(m.group(1).toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    return out;
  }

  /** "GET /v1/words/{name}" for every route of the router. */
  static Set<String> served(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // the catch-all failure handler
      }
      String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        out.add(method.name() + " " + path);
      }
    }
    return out;
  }

  @Test
  void documentAndRoutesMatch() {
    Vertx vertx = Vertx.vertx();
    try {
      Workers workers = Workers.create(vertx);
      Registry registry = new Registry();
      Operations ops = new Operations(registry, new SetStore(registry, null, CompactionPolicy.defaults()),
          new SetLoader(workers.builds(), new LoadLimits(1, 1)), workers);
      Router router = ApiRouter.create(vertx, ops, null);
      String yaml = new String(OperationsRoutes.readOpenApi(), StandardCharsets.UTF_8);
      Set<String> documented = documented(yaml);
      Set<String> served = served(router);
      assertTrue(served.size() >= 20, served.toString());
      assertEquals(served, documented);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theServerServesTheDocument() {
    Answer answer = server.http().get("/openapi.yaml");
    assertEquals(200, answer.status());
    assertTrue(answer.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
    assertEquals(new String(OperationsRoutes.readOpenApi(), StandardCharsets.UTF_8), answer.body());
    assertTrue(answer.body().startsWith("openapi: 3."));
  }
}
