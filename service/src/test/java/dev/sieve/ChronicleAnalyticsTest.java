package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sieve.testing.ChildServer;
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
    try (ChildServer server = ChildServer.ready(List.of("-Xmx128m", "-Duser.home=" + home),
        List.of("-Dchronicle.analytics.disable"), "--port", "0", "--no-demo", "--data-dir", data.toString())) {
      assertEquals(200, server.http().put("/v1/words/w", "a\n").status());
      assertEquals(200, server.http().post("/v1/words/w/add", "b\n").status());
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
