package dev.sieve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tmpfs mounted over a test's directory (tests run as root in CI), unmounted on close; a test
 * where mounting is not allowed is skipped with the reason.
 */
public final class Tmpfs implements AutoCloseable {
  public final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code options} (e.g. {@code size=90m}, {@code ro}) on {@code dir}. */
  public static Tmpfs mount(Path dir, String options) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String said = run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
    assumeTrue(said == null, () -> "cannot mount a tmpfs here (it needs root): " + said);
    return new Tmpfs(dir);
  }

  /**
   * Writes file {@code name} in the tmpfs until the device is full (to its last block); returns
   * its path (delete it to make room again).
   */
  public Path fill(String name) throws IOException {
    Path filler = dir.resolve(name);
    try (java.io.OutputStream out = Files.newOutputStream(filler)) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      return filler;
    }
  }

  /** Runs a command; null if it exited 0, else what it said. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String said = run(List.of("umount", dir.toString()));
    if (said != null) {
      // a file still open keeps it busy: detach it now, the kernel frees it once closed
      run(List.of("umount", "-l", dir.toString()));
    }
  }
}
