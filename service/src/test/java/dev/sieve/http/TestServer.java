package dev.sieve.http;

import dev.sieve.ServiceConfig;
import dev.sieve.SieveService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** A real Sieve server on a random port, and a small blocking HTTP client for it. */
final class TestServer implements AutoCloseable {
  final Vertx vertx;
  final SieveService service;
  final HttpClient client;
  final String base;
  String token;

  private TestServer(Vertx vertx, SieveService service) {
    this.vertx = vertx;
    this.service = service;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    this.base = "http://127.0.0.1:" + service.port();
  }

  static TestServer start(ServiceConfig config) {
    Vertx vertx = Vertx.vertx();
    SieveService service = SieveService.start(vertx, config).await();
    return new TestServer(vertx, service);
  }

  static TestServer start() {
    return start(ServiceConfig.forTests(0));
  }

  int port() {
    return service.port();
  }

  /** An answer: status, body text, and the body as JSON when it is JSON. */
  record Answer(int status, String body, HttpResponse<byte[]> raw) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path) {
    return send(request(path).GET().build());
  }

  Answer delete(String path) {
    return send(request(path).DELETE().build());
  }

  Answer put(String path, String body) {
    return put(path, body.getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  Answer put(String path, byte[] body, String contentType) {
    HttpRequest.Builder b = request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  Answer putGzip(String path, byte[] body) {
    return send(request(path)
        .header("Content-Type", "text/plain")
        .header("Content-Encoding", "gzip")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(gzip(body)))
        .build());
  }

  Answer post(String path, String text) {
    return send(request(path)
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(text))
        .build());
  }

  Answer post(String path, JsonObject body) {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .build());
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    service.close().await();
    vertx.close().await();
  }
}
