package dev.sieve.http;

import dev.sieve.api.ErrorCode;
import dev.sieve.ingest.GzipStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import java.util.Locale;

/** What upload routes check before streaming a body, and the answer they give after. */
final class Uploads {
  private Uploads() {}

  /**
   * The body of an upload as the pipeline should read it: the request itself, or for {@code
   * Content-Encoding: gzip} (or {@code x-gzip}) its inflated bytes, checked strictly by a {@link
   * GzipStream} (the server does not inflate bodies itself: Netty's decompressor does not check
   * the gzip trailer). Any other encoding, {@code deflate} included (ambiguous in practice: zlib or
   * raw), is refused with 415. The compressed body is held to {@code maxBodyBytes} too.
   */
  static ReadStream<Buffer> body(HttpServerRequest request, long maxBodyBytes) {
    return gzipped(request) ? new GzipStream(request, maxBodyBytes) : request;
  }

  /** True for a gzip body, false for none or identity; 415 for any other encoding. */
  static boolean gzipped(HttpServerRequest request) {
    String encoding = request.getHeader("Content-Encoding");
    if (encoding == null || encoding.isBlank()) {
      return false;
    }
    String name = encoding.trim().toLowerCase(Locale.ROOT);
    if (name.equals("identity")) {
      return false;
    }
    if (name.equals("gzip") || name.equals("x-gzip")) {
      return true;
    }
    throw new ApiException(415, ErrorCode.UNSUPPORTED_ENCODING, "unsupported Content-Encoding: " + encoding + " (use gzip or none)");
  }

  /**
   * Refuses (413) at once a body whose declared length is over the limit, before reading any of
   * it. For a gzip body the declared length is the compressed one, held to the same limit; the
   * limit is enforced on the inflated bytes as they stream.
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
}
