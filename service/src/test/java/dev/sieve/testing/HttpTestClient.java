package dev.sieve.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * The one blocking HTTP client of the tests, for a server in this JVM ({@link SieveServerExtension})
 * or in a child ({@link ChildServer}). HTTP/1.1 on purpose: that is what curl and the load tools
 * speak, and it keeps the gRPC (h2c) dispatch out of the way. Not for tests of the wire itself
 * (half-sent requests, bytes Java's client refuses to send): those keep their raw sockets.
 *
 * <p>{@link #token} is sent as {@code Authorization: Bearer} on every request while it is set.
 */
public final class HttpTestClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  public final String base;
  public String token;
  private final HttpClient client;

  public HttpTestClient(int port) {
    this("http://127.0.0.1:" + port, CLIENT);
  }

  /** A client for {@code base} ({@code https://...} too) through {@code client} (one trusting a test certificate). */
  public HttpTestClient(String base, HttpClient client) {
    this.base = base;
    this.client = client;
  }

  /** An HTTP/1.1 client that trusts the certificates {@code trust} holds (a test's self-signed one). */
  public static HttpClient trusting(javax.net.ssl.SSLContext trust) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .sslContext(trust)
        .build();
  }

  /** An answer: status, body text, and the body as JSON when it is JSON. */
  public record Answer(int status, String body, HttpResponse<byte[]> raw) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  public Answer send(HttpRequest request) {
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

  /** Any method, with a body of {@code contentType} (null: no Content-Type) or none (null body). */
  public Answer send(String method, String path, byte[] body, String contentType) {
    HttpRequest.Builder b = request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  public Answer get(String path) {
    return send(request(path).GET().build());
  }

  /** The body of a GET that must answer 200, as JSON. */
  public JsonObject json(String path) {
    Answer a = get(path);
    if (a.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.body());
    }
    return a.json();
  }

  public Answer delete(String path) {
    return send(request(path).DELETE().build());
  }

  public Answer put(String path, String body) {
    return put(path, body.getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  public Answer put(String path, byte[] body, String contentType) {
    return send("PUT", path, body, contentType);
  }

  public Answer putGzip(String path, byte[] body) {
    return send(request(path)
        .header("Content-Type", "text/plain")
        .header("Content-Encoding", "gzip")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(gzip(body)))
        .build());
  }

  public Answer post(String path, String text) {
    return send("POST", path, text.getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  public Answer post(String path, JsonObject body) {
    return send("POST", path, body.encode().getBytes(StandardCharsets.UTF_8), "application/json");
  }

  /** Waits (up to a minute) until {@code /ready} answers 200; the demo sets take a few seconds. */
  public void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (get("/ready").status() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready after 60 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code s} URL-encoded (UTF-8) for a query parameter. */
  public static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
