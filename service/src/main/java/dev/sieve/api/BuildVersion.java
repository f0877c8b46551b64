package dev.sieve.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as Maven wrote it into {@code dev/sieve/build.properties}. */
public final class BuildVersion {
  private static final String RESOURCE = "/dev/sieve/build.properties";
  private static final String VERSION = read();

  private BuildVersion() {}

  /** {@code 0.1.0-SNAPSHOT}, or {@code unknown} when run from classes Maven did not filter. */
  public static String version() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
