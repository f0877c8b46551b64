package dev.sieve.store;

import java.io.IOException;
import java.util.Locale;

/**
 * A write refused because the device holding the data directory is full (ENOSPC). The message
 * names what was being written ({@code no space left on device writing the snapshot of
 * words/en}); the faces answer it with HTTP 507 and gRPC {@code RESOURCE_EXHAUSTED}. Nothing of
 * the refused write is installed: the previous version keeps serving.
 */
public final class NoSpaceException extends IOException {
  public NoSpaceException(String writing, Throwable cause) {
    super("no space left on device writing " + writing, cause);
  }

  /** What writes to the data directory. */
  @FunctionalInterface
  public interface Write<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code write}; if a full device makes it fail (the JDK reports ENOSPC as an {@link
   * IOException} with the OS's message {@code No space left on device}; Chronicle Map says
   * {@code Not enough space} when it cannot preallocate), throws a {@code NoSpaceException} about
   * {@code writing} instead. Other failures pass unchanged.
   */
  public static <T> T writing(String writing, Write<T> write) throws IOException {
    try {
      return write.run();
    } catch (IOException | RuntimeException e) {
      if (isNoSpace(e)) {
        throw e instanceof NoSpaceException n ? n : new NoSpaceException(writing, e);
      }
      throw e;
    }
  }

  /** True if {@code failure} or one of its causes says the device is full. */
  public static boolean isNoSpace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSpaceException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null) {
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left on device") || lower.contains("not enough space")
            || lower.contains("disk quota exceeded")) {
          return true;
        }
      }
    }
    return false;
  }
}
