package dev.sieve.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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

  /**
   * Idempotent; must run before the first Chronicle class is used (Main calls it first thing).
   * Also silences Chronicle's announcer (its "Leave your e-mail ..." banner at every start).
   */
  static void disableAnalytics() {
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.announcer.disable", "true");
  }

  /** Marker file beside {@code mapFile} that exists while a process has the map open. */
  static Path openMarker(Path mapFile) {
    return mapFile.resolveSibling(mapFile.getFileName() + ".open");
  }

  /** True if the map file exists and its last user did not close it (crash, kill -9). */
  static boolean needsRecovery(Path mapFile) {
    return Files.exists(mapFile) && Files.exists(openMarker(mapFile));
  }

  /** The text every Chronicle Map file holds after its 12-byte header prefix. */
  private static final byte[] MAGIC = "!net.openhft.chronicle.map.VanillaChronicleMap".getBytes(StandardCharsets.US_ASCII);

  /**
   * Refuses a non-empty {@code mapFile} that does not start as a Chronicle Map file does: given
   * one, Chronicle Map would wait a minute for "the process that created it" and then fail with a
   * message that does not say the file is damaged. (An empty file is a map not yet written.)
   */
  static void requireMapFile(Path mapFile, String what) throws IOException {
    if (!Files.isRegularFile(mapFile) || Files.size(mapFile) == 0) {
      return;
    }
    byte[] head = new byte[12 + MAGIC.length];
    int read;
    try (InputStream in = Files.newInputStream(mapFile)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (read < head.length || !Arrays.equals(head, 12, head.length, MAGIC, 0, MAGIC.length)) {
      throw new DamagedFileException(what, mapFile, "not a Chronicle Map file (its header is unreadable)", null);
    }
  }

  /** Opens a map with {@code open}; a failure on an existing file is a {@link DamagedFileException}. */
  static <T> T open(Path mapFile, String what, NoSpaceException.Write<T> open) throws IOException {
    requireMapFile(mapFile, what);
    boolean existed = Files.isRegularFile(mapFile) && Files.size(mapFile) > 0;
    try {
      return NoSpaceException.writing("the " + what + " " + mapFile, open);
    } catch (NoSpaceException | java.nio.file.FileSystemException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (!existed) {
        throw e;
      }
      throw new DamagedFileException(what, mapFile, String.valueOf(e.getMessage()), e);
    }
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
