package dev.sieve.bench;

import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Deep (retained) sizes in bytes, measured by JOL: every object reachable from the root, each
 * counted once with its header and padding, as laid out by the running JVM (compressed oops and
 * 8-byte alignment on a default 64-bit HotSpot with a heap under 32 GB).
 *
 * <p>JOL needs {@code -Djdk.attach.allowAttachSelf=true} (and on JDK 21+
 * {@code -XX:+EnableDynamicAgentLoading}); without it the mains stop with a message saying so.
 */
final class DeepSize {
  private DeepSize() {}

  static long of(Object root) {
    return GraphLayout.parseInstance(root).totalSize();
  }

  /** Bytes of one object, shallow. */
  static long shallow(Object o) {
    return VM.current().sizeOf(o);
  }

  /** Exact bytes of an array of {@code length} elements of the given JOL type name
   * ({@code "long"}, {@code "int"}, {@code "object"}, ...), header and padding included. */
  static long array(String type, long length) {
    long raw = VM.current().arrayHeaderSize() + length * VM.current().arrayIndexScale(type);
    long align = VM.current().objectAlignment();
    return (raw + align - 1) / align * align;
  }

  /** Stops with a clear message unless the JVM lets JOL attach to itself. */
  static void requireAttach() {
    if (!"true".equals(System.getProperty("jdk.attach.allowAttachSelf"))) {
      System.err.println(
          "JOL needs the JVM flag -Djdk.attach.allowAttachSelf=true"
              + " (and -XX:+EnableDynamicAgentLoading on JDK 21+); rerun with it.");
      System.exit(2);
    }
  }
}
