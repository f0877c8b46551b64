package dev.sieve.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks live HTTP answers against {@code /openapi.yaml}, with Vert.x's OpenAPI validator
 * (vertx-openapi): the status must be one the operation documents, a JSON body must validate
 * against that response's schema, and the documented headers present must validate too. Any other
 * body must come with a media type the response documents. Use one per test class:
 *
 * <pre>{@code
 * try (ContractChecker contract = ContractChecker.load()) {
 *   contract.check("getWordSet", server.http().get("/v1/words/en"));
 * }
 * }</pre>
 */
public final class ContractChecker implements AutoCloseable {
  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;
  /** Operation id to the operation as written in the document (media types unchanged). */
  private final Map<String, JsonObject> written = new HashMap<>();

  /**
   * The document served by the server (the class-path resource {@code /openapi.yaml}), on a
   * Vert.x of its own (the validator's work must not hold the server's event loops).
   */
  public static ContractChecker load() {
    return new ContractChecker();
  }

  private ContractChecker() {
    this.vertx = Vertx.vertx();
    JsonObject doc = document();
    doc.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject o && o.containsKey("operationId")) {
        written.put(o.getString("operationId"), o.copy());
      }
    }));
    this.contract = OpenAPIContract.from(vertx, readable(doc)).await();
    this.validator = ResponseValidator.create(vertx, contract);
  }

  /**
   * {@code doc} as vertx-openapi takes it: no servers (ours is "/", a relative URL OpenAPI allows
   * and vertx-openapi refuses; answers are matched by operationId, not by URL), JSON bodies only
   * (it refuses YAML, HTML and Roaring, and does not read text): {@link #check} compares the
   * media type of other bodies with the document itself. Nullable schemas are spelled out for it
   * ({@link #nullables}).
   */
  private static JsonObject readable(JsonObject doc) {
    doc.remove("servers");
    nullables(doc);
    doc.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (!(entry.getValue() instanceof JsonObject op) || !op.containsKey("operationId")) {
        return;
      }
      op.remove("requestBody"); // requests are not validated here
      op.getJsonObject("responses").forEach(r -> {
        JsonObject response = (JsonObject) r.getValue();
        JsonObject content = response.getJsonObject("content");
        if (content != null) {
          content.fieldNames().retainAll(Set.of(JSON));
          if (content.isEmpty()) {
            response.remove("content");
          }
        }
      });
    }));
    return doc;
  }

  /**
   * Rewrites, under {@code json}, each OpenAPI 3.0 {@code nullable: true} schema as {@code anyOf}
   * of itself and {@code null}: vertx-openapi validates 3.0 schemas without the nullable keyword.
   */
  private static Object nullables(Object json) {
    if (json instanceof JsonObject o) {
      for (String field : new ArrayList<>(o.fieldNames())) {
        o.put(field, nullables(o.getValue(field)));
      }
      if (Boolean.TRUE.equals(o.getValue("nullable"))) {
        JsonObject value = o.copy();
        value.remove("nullable");
        String description = (String) value.remove("description");
        JsonObject either = new JsonObject().put("anyOf", new JsonArray().add(value).add(new JsonObject().put("enum", new JsonArray().addNull())));
        return description == null ? either : either.put("description", description);
      }
    } else if (json instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, nullables(a.getValue(i)));
      }
    }
    return json;
  }

  /** The document as JSON. */
  public static JsonObject document() {
    try (InputStream in = ContractChecker.class.getResourceAsStream("/openapi.yaml")) {
      assertNotNull(in, "openapi.yaml on the class path");
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
      return new JsonObject(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails unless {@code answer} is one the document allows for {@code operationId}. */
  public void check(String operationId, HttpTestClient.Answer answer) {
    JsonObject op = written.get(operationId);
    assertNotNull(op, "no operation " + operationId + " in openapi.yaml");
    int status = answer.status();
    String what = operationId + " answered " + status + ": " + abbreviate(answer.body());
    JsonObject documented = op.getJsonObject("responses").getJsonObject(Integer.toString(status));
    assertNotNull(documented, what + " (status not documented)");
    String type = answer.raw().headers().firstValue("Content-Type").orElse(null);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    answer.raw().headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
    byte[] body = answer.raw().body();
    boolean json = type != null && type.startsWith(JSON);
    if (body.length > 0 && !json) {
      // not JSON: its media type, as written in the document
      String media = type == null ? null : type.split(";")[0].trim();
      JsonObject content = documented.getJsonObject("content", new JsonObject());
      assertTrue(content.containsKey(media), what + " (media type " + type + " not documented: " + content.fieldNames() + ")");
      body = new byte[0];
    }
    ValidatableResponse response = body.length == 0
        ? ValidatableResponse.create(status, headers)
        : ValidatableResponse.create(status, headers, Buffer.buffer(body), type);
    try {
      validator.validate(response, operationId).await();
    } catch (RuntimeException e) {
      fail(what + ": " + e.getMessage(), e);
    }
  }

  /** As {@link #check}, and the answer's status is {@code status}. */
  public void check(String operationId, int status, HttpTestClient.Answer answer) {
    assertEquals(status, answer.status(), operationId + ": " + abbreviate(answer.body()));
    check(operationId, answer);
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
