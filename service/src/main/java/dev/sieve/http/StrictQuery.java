package dev.sieve.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The query string decoded strictly: percent-escapes and raw bytes must together form valid
 * UTF-8, else the request is a 400 naming the parameter. Vert.x's own {@code queryParams()}
 * (Netty's {@code QueryStringDecoder}) replaces invalid sequences with U+FFFD, so {@code
 * word=q%FFx} would look up the stored word {@code q}, U+FFFD, {@code x}. {@code +} is a space, as there.
 *
 * <p>Netty hands the request line over as ISO-8859-1, one char per byte: a char above U+007F in
 * {@code request().query()} is a raw byte of the client's, and is decoded with the escapes.
 */
final class StrictQuery {
  private static final String KEY = "sieve.strictQuery";

  private StrictQuery() {}

  /** Route handler that decodes (and so checks) the query of every request before its route runs. */
  static void check(RoutingContext ctx) {
    params(ctx);
    ctx.next();
  }

  /** The query parameters of {@code ctx}, decoded strictly (once per request). */
  static MultiMap params(RoutingContext ctx) {
    MultiMap params = ctx.get(KEY);
    if (params == null) {
      params = decode(ctx.request().query());
      ctx.put(KEY, params);
    }
    return params;
  }

  /** Decodes {@code query} (null: none); 400 naming the first parameter that is not valid UTF-8. */
  static MultiMap decode(String query) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = component(rawName, null);
      String value = eq < 0 ? "" : component(pair.substring(eq + 1), name);
      params.add(name, value);
    }
    return params;
  }

  /** One name or value; {@code param} names it in errors (null: it is a parameter's name). */
  private static String component(String raw, String param) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
        if (lo < 0) {
          throw ApiException.badRequest(what(param) + " has a malformed percent-escape");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c <= 0xFF) {
        bytes.write(c);
      } else {
        throw ApiException.badRequest(what(param) + " is not valid UTF-8");
      }
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes.toByteArray()));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest(what(param) + " is not valid UTF-8");
    }
  }

  private static String what(String param) {
    return param == null ? "the name of a query parameter" : "query parameter " + param;
  }
}
