package dev.sieve.ingest;

/**
 * Receives the lines of a load one at a time, on the thread that reads them. Lines come without
 * their line end and are never empty. The array is reused for the next line: copy what you keep.
 */
public interface LineSink {
  /**
   * Takes one line, {@code line[0, length)}.
   *
   * @throws IllegalArgumentException if the line is not valid input; its message goes to the client
   */
  void accept(byte[] line, int length);
}
