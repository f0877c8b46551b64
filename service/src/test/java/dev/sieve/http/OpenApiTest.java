package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.api.ErrorCode;
import dev.sieve.api.Operations;
import dev.sieve.api.Workers;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetStore;
import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /openapi.yaml read by the reference Java parser (swagger-parser, references resolved): it
 * parses without a message, keeps the rules written at its top (operationId, security, required),
 * and documents exactly the routes the server serves.
 */
class OpenApiTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  static OpenAPI api;

  @BeforeAll
  static void parse() {
    api = parseDocument();
  }

  /** The document, parsed and resolved; fails on any message of the parser. */
  static OpenAPI parseDocument() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    String yaml = new String(OperationsRoutes.readOpenApi(), StandardCharsets.UTF_8);
    SwaggerParseResult result = new OpenAPIParser().readContents(yaml, null, options);
    assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
    assertNotNull(result.getOpenAPI());
    return result.getOpenAPI();
  }

  /** "GET /v1/words/{name}" for every operation of the document. */
  static Set<String> documented(OpenAPI api) {
    Set<String> out = new TreeSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> out.add(method.name() + " " + path)));
    return out;
  }

  /**
   * "GET /v1/words/{name}" for every route of the router; HEAD, which every GET route answers too,
   * stands for itself only where a route has no GET (none has).
   */
  static Set<String> served(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // handlers of every route: the UTF-8 check, failures
      }
      String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        if (!(method == HttpMethod.HEAD && route.methods().contains(HttpMethod.GET))) {
          out.add(method.name() + " " + path);
        }
      }
    }
    return out;
  }

  static Router router(Vertx vertx) {
    Workers workers = Workers.create(vertx);
    Registry registry = new Registry();
    Operations ops = new Operations(registry, new SetStore(registry, null, CompactionPolicy.defaults()),
        new SetLoader(workers.builds(), new LoadLimits(1, 1)), workers);
    return ApiRouter.create(vertx, ops, null);
  }

  @Test
  void documentAndRoutesMatch() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = router(vertx);
      Set<String> served = served(router);
      assertTrue(served.size() >= 30, served.toString());
      assertEquals(served, documented(api));
      for (Route route : router.getRoutes()) {
        if (route.methods() != null && route.methods().contains(HttpMethod.GET)) {
          assertTrue(route.methods().contains(HttpMethod.HEAD), "HEAD on " + route.getPath());
        }
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void everyOperationHasAnIdASecurityAndAClientError() {
    Set<String> ids = new HashSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      String at = method + " " + path;
      assertNotNull(op.getOperationId(), at);
      assertTrue(op.getOperationId().matches("[a-z][A-Za-z]+"), at + ": " + op.getOperationId());
      assertTrue(ids.add(op.getOperationId()), "duplicate operationId " + op.getOperationId());
      assertNotNull(op.getSummary(), at);
      assertNotNull(op.getSecurity(), at + ": no security (open reads say security: [])");
      assertTrue(op.getResponses().keySet().stream().anyMatch(s -> s.startsWith("4")), at + ": no 4xx");
      assertTrue(op.getResponses().containsKey("400"), at + ": every route refuses a query that is not UTF-8");
    }));
    assertTrue(ids.size() >= 30, ids.toString());
  }

  @Test
  void writesMayNeedTheTokenAndReadsNever() {
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      boolean write = method != PathItem.HttpMethod.GET
          // POST .../contains and POST .../fuzzy are batched reads
          && !op.getOperationId().startsWith("contains") && !op.getOperationId().equals("fuzzyWordsBatch");
      assertEquals(write ? 2 : 0, op.getSecurity().size(), method + " " + path);
      if (write) {
        assertTrue(op.getResponses().containsKey("401"), method + " " + path);
      }
    }));
  }

  @Test
  void objectSchemasListTheirRequiredFields() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
      requireRequired(e.getKey(), e.getValue(), missing);
    }
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
        op.getResponses().forEach((status, response) -> {
          if (response.getContent() != null) {
            response.getContent().forEach((type, media) ->
                requireRequired(method + " " + path + " " + status, media.getSchema(), missing));
          }
        })));
    assertEquals(List.of(), missing);
  }

  /** Adds {@code at} to {@code missing} for each object schema under it with properties but no required. */
  @SuppressWarnings("rawtypes")
  private static void requireRequired(String at, Schema schema, List<String> missing) {
    if (schema == null || schema.get$ref() != null) {
      return;
    }
    if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
      if (schema.getRequired() == null || schema.getRequired().isEmpty()) {
        missing.add(at);
      }
      ((Map<String, Schema>) schema.getProperties()).forEach((name, p) -> requireRequired(at + "." + name, p, missing));
    }
    if (schema.getItems() != null) {
      requireRequired(at + "[]", schema.getItems(), missing);
    }
  }

  @Test
  void theErrorCodesAreTheCodesOfTheServer() {
    Schema<?> codes = api.getComponents().getSchemas().get("ErrorCode");
    List<String> server = new ArrayList<>();
    for (ErrorCode code : ErrorCode.values()) {
      server.add(code.wireName());
    }
    assertEquals(server, codes.getEnum().stream().map(Object::toString).toList());
    Schema<?> error = api.getComponents().getSchemas().get("Error");
    assertEquals(Set.of("error", "code"), Set.copyOf(error.getRequired()));
  }

  @Test
  void aBatchOverTheLimitIsDocumentedAs413() {
    Operation batch = api.getPaths().get("/v1/words/{name}/contains").getPost();
    assertTrue(batch.getResponses().containsKey("413"));
    // combine answers what it sends: no skipped lines (it reads no lines)
    assertEquals("#/components/schemas/Combined", api.getPaths().get("/v1/numbers/{name}/combine").getPost()
        .getResponses().get("200").getContent().get("application/json").getSchema().get$ref());
    assertFalse(api.getComponents().getSchemas().get("Combined").getProperties().containsKey("skipped"));
  }

  @Test
  void theServerServesTheDocument() {
    Answer answer = server.http().get("/openapi.yaml");
    assertEquals(200, answer.status());
    assertTrue(answer.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
    assertEquals(new String(OperationsRoutes.readOpenApi(), StandardCharsets.UTF_8), answer.body());
    assertTrue(answer.body().contains("\nopenapi: 3."));
  }
}
