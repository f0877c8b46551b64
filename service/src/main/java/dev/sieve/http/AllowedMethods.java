package dev.sieve.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of a router answers, for the {@code Allow} header a 405 must carry (RFC
 * 9110 section 15.5.6); Vert.x Web knows a method did not match but not which would have. Built
 * once the routes are mounted; {@link #addHead} first makes every GET route answer HEAD too (the
 * same handler: Vert.x sends a HEAD answer's headers without its body, and without Content-Length,
 * which RFC 9110 section 8.6 lets a HEAD answer leave out).
 * Immutable once built, so the routers of every event loop may each hold their own.
 */
final class AllowedMethods {
  private record PathMethods(Pattern path, Set<String> methods) {}

  private final List<PathMethods> paths = new ArrayList<>();

  private AllowedMethods(Router router) {
    for (Route route : router.getRoutes()) {
      // (a path with parameters is a regex path to Vert.x; getPath() still gives its template)
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // handlers of every route (the UTF-8 check, CORS, failures)
      }
      Set<String> methods = new TreeSet<>();
      for (HttpMethod m : route.methods()) {
        methods.add(m.name());
      }
      paths.add(new PathMethods(pattern(route.getPath()), methods));
    }
  }

  /** Every GET route of {@code router} answers HEAD too. */
  static void addHead(Router router) {
    for (Route route : router.getRoutes()) {
      if (route.methods() != null && route.methods().contains(HttpMethod.GET)) {
        route.method(HttpMethod.HEAD);
      }
    }
  }

  /** The methods of {@code router}'s routes as they are now. */
  static AllowedMethods of(Router router) {
    return new AllowedMethods(router);
  }

  /** {@code "GET, HEAD, PUT"}: the methods some route answers at {@code path}, sorted; empty if none. */
  String allow(String path) {
    Set<String> out = new TreeSet<>();
    for (PathMethods p : paths) {
      if (p.path().matcher(path).matches()) {
        out.addAll(p.methods());
      }
    }
    return String.join(", ", out);
  }

  /** A Vert.x path ({@code /v1/words/:name/contains}) as a regex: a parameter is one segment. */
  private static Pattern pattern(String routePath) {
    List<String> segments = new ArrayList<>();
    for (String segment : routePath.split("/", -1)) {
      segments.add(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
    }
    return Pattern.compile(String.join("/", segments));
  }
}
