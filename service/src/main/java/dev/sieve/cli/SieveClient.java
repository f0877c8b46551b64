package dev.sieve.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking HTTP/JSON client of one Sieve server, on the JDK's {@link HttpClient}. Failures are
 * {@link RefusedException} (the server answered with an error) or {@link UnreachableException}.
 * Not tied to the server's classes: only the documented API.
 */
final class SieveClient {
  /** The server answered with an error status; the message is its {@code error}, and the line if any. */
  static final class RefusedException extends RuntimeException {
    final int status;

    RefusedException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** No answer from the server. */
  static final class UnreachableException extends RuntimeException {
    UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  SieveClient(URI base, String token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.token = token;
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  JsonObject get(String path) {
    return send(request(path).GET().build());
  }

  JsonObject post(String path, JsonObject body) {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .build());
  }

  /** Sends {@code request}; its JSON answer, or a {@link RefusedException} for a status of 400 or more. */
  JsonObject send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UnreachableException("cannot reach " + base + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted", e);
    }
    JsonObject json;
    try {
      json = response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    } catch (DecodeException e) {
      json = new JsonObject().put("error", response.body());
    }
    if (response.statusCode() >= 400) {
      String message = json.getString("error", "HTTP " + response.statusCode());
      long line = json.getLong("line", 0L);
      throw new RefusedException(response.statusCode(),
          response.statusCode() + " " + message + (line > 0 ? " (line " + line + ")" : ""));
    }
    return json;
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      message = e.getCause().toString();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
