package dev.sieve.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every use of Chronicle Map here shares: its usage analytics switched off before any of its
 * classes initialise (it would otherwise report to a third party and write
 * {@code ~/.chronicle.analytics.*}), and a marker telling whether the last process that had a map
 * open closed it cleanly, so a map left by a crash is opened with Chronicle's recovery.
 */
final class Chronicle {
  static {
    disableAnalytics();
  }

  private Chronicle() {}

  /** Idempotent; must run before the first Chronicle class is used (Main calls it first thing). */
  static void disableAnalytics() {
    System.setProperty("chronicle.analytics.disable", "true");
  }

  /** Marker file beside {@code mapFile} that exists while a process has the map open. */
  static Path openMarker(Path mapFile) {
    return mapFile.resolveSibling(mapFile.getFileName() + ".open");
  }

  /** True if the map file exists and its last user did not close it (crash, kill -9). */
  static boolean needsRecovery(Path mapFile) {
    return Files.exists(mapFile) && Files.exists(openMarker(mapFile));
  }

  static void markOpen(Path mapFile) throws IOException {
    Path m = openMarker(mapFile);
    if (!Files.exists(m)) {
      Files.createFile(m);
    }
  }

  static void markClosed(Path mapFile) throws IOException {
    Files.deleteIfExists(openMarker(mapFile));
  }
}
