package dev.sieve.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking HTTP/JSON client of one Sieve server, on the JDK's {@link HttpClient}: bodies are
 * streamed both ways (an upload is read from its file as it is sent, an export written as it
 * comes). Every failure is a {@link CallFailure} naming its cause. Not tied to the server's
 * classes: only the documented API. One command's calls, from one thread.
 *
 * <p>{@code timeout} (null: none) bounds connecting and waiting for an answer's headers. An upload
 * takes as long as its file needs, but fails once the server has taken none of it for {@code
 * timeout}; after its last byte, it waits for the answer {@code answerWait} (the server builds the
 * set then, which may take minutes for a large list).
 */
final class SieveClient {
  private static final long POLL_MILLIS = 200;

  /** An answer of the server: the JSON as it sent it, and parsed. */
  record Reply(String text, JsonObject json) {}

  private final URI base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  SieveClient(URI base, String token, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.token = token;
    this.timeout = timeout;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    if (timeout != null) {
      builder.connectTimeout(timeout);
    }
    this.http = builder.build();
  }

  /** A request to {@code path}, with the token and (if set) the timeout. */
  HttpRequest.Builder request(ApiPath path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.toString()));
    if (timeout != null) {
      b.timeout(timeout);
    }
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Reply get(ApiPath path) {
    return send(request(path).GET().build());
  }

  Reply delete(ApiPath path) {
    return send(request(path).DELETE().build());
  }

  Reply post(ApiPath path, JsonObject body) {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .build());
  }

  /** Sends {@code request}; its JSON answer (empty for 204), or a {@link CallFailure}. */
  Reply send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailure(CallFailure.Reason.UNREACHABLE, "interrupted", null, e);
    }
    return reply(response);
  }

  /**
   * Streams {@code upload} to {@code path} with {@code method} ({@code PUT} for a load, {@code
   * POST} for an update); the JSON answer. See the class comment for the timeouts.
   */
  Reply upload(ApiPath path, String method, Upload upload, boolean numbers, Duration answerWait) {
    HttpRequest.Builder builder = upload.into(HttpRequest.newBuilder(URI.create(base + path.toString())), method, numbers);
    if (token != null && !token.isEmpty()) {
      builder.header("Authorization", "Bearer " + token);
    }
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    while (true) {
      try {
        return reply(answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
      } catch (TimeoutException poll) {
        long now = System.nanoTime();
        long finished = upload.finishedNanos();
        String late = null;
        if (finished < 0 && timeout != null && now - upload.lastProgressNanos() > timeout.toNanos()) {
          late = "no answer from " + hostPort() + " within " + seconds(timeout)
              + " (it took no more of the upload after " + Units.count(upload.sentBytes()) + " bytes)";
        } else if (finished >= 0 && answerWait != null && now - finished > answerWait.toNanos()) {
          late = "no answer from " + hostPort() + " within " + seconds(answerWait) + " of the end of the upload";
        }
        if (late != null) {
          answer.cancel(true);
          throw new CallFailure(CallFailure.Reason.TIMEOUT, late, null, poll);
        }
      } catch (ExecutionException e) {
        throw failure(e.getCause());
      } catch (InterruptedException e) {
        answer.cancel(true);
        Thread.currentThread().interrupt();
        throw new CallFailure(CallFailure.Reason.UNREACHABLE, "interrupted", null, e);
      }
    }
  }

  /**
   * A GET whose body is streamed to the caller (who closes it), for exports: never held whole.
   * An error status is read (a small JSON body) and thrown as a {@link CallFailure}.
   */
  HttpResponse<InputStream> stream(HttpRequest request) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailure(CallFailure.Reason.UNREACHABLE, "interrupted", null, e);
    }
    if (response.statusCode() >= 400) {
      try (InputStream body = response.body()) {
        throw serverError(response, new String(body.readNBytes(64 << 10), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw failure(e);
      }
    }
    return response;
  }

  /** The failure an I/O error of a call stands for. */
  CallFailure failure(Throwable e) {
    if (e instanceof HttpConnectTimeoutException) {
      return new CallFailure(CallFailure.Reason.TIMEOUT,
          "no answer from " + hostPort() + " within " + seconds(timeout) + " (connecting)", null, e);
    }
    if (e instanceof HttpTimeoutException) {
      return new CallFailure(CallFailure.Reason.TIMEOUT, "no answer from " + hostPort() + " within " + seconds(timeout), null, e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new CallFailure(CallFailure.Reason.UNKNOWN_HOST, "cannot resolve host '" + base.getHost() + "'", null, e);
      }
    }
    if (e instanceof ConnectException) {
      // the JDK's client gives no errno here; refused is by far the likeliest (nothing listens)
      return new CallFailure(CallFailure.Reason.UNREACHABLE,
          "connection refused by " + hostPort() + " (is the server running?)", null, e);
    }
    String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return new CallFailure(CallFailure.Reason.UNREACHABLE, "connection to " + hostPort() + " lost: " + why, null, e);
  }

  private Reply reply(HttpResponse<String> response) {
    String text = response.body();
    if (response.statusCode() >= 400) {
      throw serverError(response, text);
    }
    if (text.isEmpty()) {
      return new Reply("", new JsonObject());
    }
    try {
      return new Reply(text, new JsonObject(text));
    } catch (DecodeException | ClassCastException e) {
      throw new CallFailure(CallFailure.Reason.SERVER_ERROR, "the answer of " + hostPort()
          + " is not a JSON object (is it a Sieve server?): " + abbreviate(text), null, e);
    }
  }

  /**
   * {@code 404 no such word set: x (code no_such_set)}: the status, the server's {@code error}, and
   * its {@code line} (bad uploads), {@code code} and {@code Retry-After} when it sent them.
   */
  private CallFailure serverError(HttpResponse<?> response, String text) {
    JsonObject json = null;
    try {
      json = text.isEmpty() ? null : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      // not JSON (a proxy's page): shown as text
    }
    StringBuilder message = new StringBuilder().append(response.statusCode()).append(' ');
    message.append(json != null && json.getValue("error") instanceof String error ? error
        : text.isEmpty() ? "(no message)" : abbreviate(text));
    StringBuilder details = new StringBuilder();
    if (json != null && json.getValue("line") instanceof Number line) {
      details.append("line ").append(line);
    }
    if (json != null && json.getValue("code") instanceof String code) {
      details.append(details.length() > 0 ? ", " : "").append("code ").append(code);
    }
    response.headers().firstValue("Retry-After").ifPresent(after ->
        details.append(details.length() > 0 ? ", " : "").append("retry after ").append(after).append(" s"));
    if (details.length() > 0) {
      message.append(" (").append(details).append(')');
    }
    return new CallFailure(CallFailure.Reason.SERVER_ERROR, message.toString(), json != null ? text : null, null);
  }

  private String hostPort() {
    int port = base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    return base.getHost() + ":" + port;
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
