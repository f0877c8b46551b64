package dev.sieve.http;

import dev.sieve.ingest.LoadReport;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** What upload routes check before streaming a body, and the answer they give after. */
final class Uploads {
  private Uploads() {}

  /**
   * Refuses (415) a body in an encoding the server did not decode. The server inflates gzip (and
   * deflate) bodies itself and then drops their {@code Content-Encoding}, so any encoding still
   * present here is one it does not know.
   */
  static void requireDecodedBody(HttpServerRequest request) {
    String encoding = request.getHeader("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new ApiException(415, "unsupported Content-Encoding: " + encoding + " (use gzip or none)");
    }
  }

  /**
   * Refuses (413) at once a body whose declared length is over the limit, before reading any of
   * it. Only plain bodies declare their length here: for a gzip body the server drops the header
   * as it inflates, and the limit is enforced on the inflated bytes as they stream.
   */
  static void requireDeclaredLengthWithin(HttpServerRequest request, long maxBodyBytes) {
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return;
    }
    try {
      if (Long.parseLong(length.trim()) > maxBodyBytes) {
        throw new ApiException(413, "body larger than " + maxBodyBytes + " bytes");
      }
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("bad Content-Length: " + length);
    }
  }

  /** The media type of the body, lower case and without parameters, or null if none was given. */
  static String mediaType(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null || type.isBlank()) {
      return null;
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** True for the media types a line upload accepts: none, {@code text/*}, octet-stream. */
  static boolean isLineText(String mediaType) {
    return mediaType == null
        || mediaType.startsWith("text/")
        || mediaType.equals("application/octet-stream");
  }

  /** The skipped-lines part of a load's answer. */
  static JsonObject putReport(JsonObject answer, LoadReport report, long startNanos) {
    JsonArray first = new JsonArray();
    for (long line : report.firstSkippedLines()) {
      first.add(line);
    }
    return answer
        .put("skipped", report.skipped())
        .put("firstSkippedLines", first)
        .put("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000);
  }
}
