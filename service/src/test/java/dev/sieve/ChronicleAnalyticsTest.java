package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sieve.testing.ChildServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle Map reports usage to a third party and writes {@code ~/.chronicle.analytics.*} unless
 * told not to. The server tells it itself: started without the {@code -Dchronicle.analytics.disable}
 * flag the launchers pass, with {@code user.home} an empty directory, and made to use both of its
 * maps (a load, an update), it leaves no {@code .chronicle*} file there, nor in the real home.
 */
class ChronicleAnalyticsTest {
  @Test
  void noAnalyticsFileAppearsInTheHome(@TempDir Path data, @TempDir Path home) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (ChildServer server = ChildServer.start(List.of("-Xmx128m", "-Duser.home=" + home),
        List.of("-Dchronicle.analytics.disable"), Map.of(), "--port", "0", "--no-demo", "--data-dir", data.toString())) {
      server.awaitPort();
      server.awaitReady();
      String base = "http://127.0.0.1:" + server.port;
      assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/v1/words/w"))
          .PUT(HttpRequest.BodyPublishers.ofString("a\n")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/v1/words/w/add"))
          .POST(HttpRequest.BodyPublishers.ofString("b\n")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    try (Stream<Path> s = Files.list(home)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".chronicle")).toList(),
          "Chronicle Map wrote into the user's home");
    }
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("user.home")))) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".chronicle.analytics")),
          "a .chronicle.analytics file in the real home");
    }
  }
}
