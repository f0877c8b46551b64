package dev.sieve.cli;

import java.nio.charset.StandardCharsets;

/**
 * A request target of the API ({@code /v1/words/en/prefix?prefix=a%20b&limit=5}), each path
 * segment and query name and value percent-encoded as RFC 3986 asks: the UTF-8 bytes of anything
 * but the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) become {@code %XX}. So a space is
 * {@code %20} (never {@code +}, which form encoding and {@code URLEncoder} write, and which a path
 * keeps as a plus), a {@code +} is {@code %2B} (the server reads a raw {@code +} in a query as a
 * space), and a {@code /} in a segment is {@code %2F}, not a new segment.
 *
 * <p>Twenty lines rather than a library: the JDK has only form encoding ({@code URLEncoder}) and
 * {@code java.net.URI}'s multi-argument constructors leave {@code +}, {@code &} and {@code =} raw
 * in a query; Guava's escapers would bring a 3 MB jar for this. Not thread-safe (a builder).
 */
final class ApiPath {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder target = new StringBuilder();
  private boolean hasQuery;

  private ApiPath() {}

  /**
   * A segment that cannot be sent: {@code .} and {@code ..} are dot segments, which clients and
   * servers resolve away ({@code /v1/words/.} is {@code /v1/words}), escaped or not (RFC 3986
   * 2.3: {@code %2E} is a dot). Valid set names, but out of reach over HTTP.
   */
  static final class DotSegmentException extends IllegalArgumentException {
    DotSegmentException(String segment) {
      super("'" + segment + "' cannot be sent in a URL path (HTTP reads it as a directory step); "
          + "a set of that name is out of reach over HTTP");
    }
  }

  /** {@code /s1/s2/...}, each segment encoded. */
  static ApiPath of(String... segments) {
    ApiPath path = new ApiPath();
    for (String segment : segments) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new DotSegmentException(segment);
      }
      path.target.append('/');
      encode(segment, path.target);
    }
    return path;
  }

  /** Appends {@code name=value} to the query (both encoded); a null value appends nothing. */
  ApiPath query(String name, Object value) {
    if (value != null) {
      target.append(hasQuery ? '&' : '?');
      hasQuery = true;
      encode(name, target);
      target.append('=');
      encode(value.toString(), target);
    }
    return this;
  }

  @Override
  public String toString() {
    return target.toString();
  }

  /** {@code text} percent-encoded: every byte of its UTF-8 but the unreserved characters as {@code %XX}. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    encode(text, out);
    return out.toString();
  }

  private static void encode(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
  }
}
