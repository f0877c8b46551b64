package dev.sieve.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build this is: the Maven version and the git revision it was built from (written into
 * {@code dev/sieve/build.properties} by the build; {@code unknown} when built without git, as in
 * the container image, whose build context has no {@code .git}), and the Java runtime: what {@code
 * --version}, {@code GET /v1/info} and {@code sieve_build_info} report, read once.
 */
public record BuildInfo(String version, String revision, String java) {
  static final String RESOURCE = "/dev/sieve/build.properties";
  private static final BuildInfo CURRENT = load();

  /** This build's. */
  public static BuildInfo read() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // a jar without it: unknown below
    }
    return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("revision")),
        System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown")));
  }

  /** {@code value}, or {@code unknown} when absent or left unfiltered ({@code ${...}}). */
  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.trim();
  }
}
