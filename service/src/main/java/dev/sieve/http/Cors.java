package dev.sieve.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CORS policy of {@code --cors-origin}: which browser origins may call the API, with the
 * methods and request headers the API uses. Off unless configured: a server without it sends no
 * {@code Access-Control-*} header, and browsers keep other origins out.
 */
final class Cors {
  private Cors() {}

  /**
   * Vert.x Web's handler for {@code origins}: {@code *} for any origin, else origins ({@code
   * scheme://host[:port]}) separated by commas. It answers preflights itself (204).
   *
   * @throws IllegalArgumentException for an empty list or a malformed origin
   */
  static CorsHandler handler(String origins) {
    CorsHandler cors = CorsHandler.create();
    if (!origins.trim().equals("*")) {
      List<String> list = new ArrayList<>();
      for (String origin : origins.split(",")) {
        if (!origin.isBlank()) {
          list.add(origin.trim());
        }
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("--cors-origin needs * or origins like https://app.example.com");
      }
      cors.addOrigins(list);
    }
    return cors
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "Content-Encoding", "Accept-Encoding", "X-Request-Id"))
        .exposedHeaders(Set.of("Retry-After", "Content-Length", "X-Request-Id"))
        .maxAgeSeconds(600);
  }
}
