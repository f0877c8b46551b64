package dev.sieve.memory;

/**
 * Sizes of objects and arrays on this JVM, for exact byte accounting without an agent.
 *
 * <p>Assumes HotSpot's default layout below a 32 GB heap: compressed oops and compressed class
 * pointers (12-byte object headers, 16-byte array headers, 4-byte references), objects aligned to 8
 * bytes. {@code MemoryModelTest} checks these figures against JOL on the running JVM, so a JVM with
 * another layout fails a test instead of reporting wrong numbers silently.
 */
public final class JvmLayout {
  /** Bytes of an object header (mark word + compressed class pointer). */
  public static final int OBJECT_HEADER = 12;
  /** Bytes of an array header (object header + int length). */
  public static final int ARRAY_HEADER = 16;
  /** Bytes of a reference field or array slot. */
  public static final int REFERENCE = 4;
  /** Alignment of every object, in bytes. */
  public static final int ALIGNMENT = 8;

  private JvmLayout() {}

  /** {@code bytes} rounded up to the object alignment. */
  public static long align(long bytes) {
    return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
  }

  /** Bytes of an object whose fields take {@code fieldBytes} in total (header excluded). */
  public static long object(long fieldBytes) {
    return align(OBJECT_HEADER + fieldBytes);
  }

  /** Bytes of an array of {@code length} elements of {@code elementBytes} each. */
  public static long array(int elementBytes, long length) {
    return align(ARRAY_HEADER + (long) elementBytes * length);
  }
}
