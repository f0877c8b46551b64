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

  /**
   * True if the sink would rather get no more lines for now (it is waiting on work of its own,
   * such as a spill to disk): the reader pauses until {@link #whenReady} fires. Checked after
   * each line; a sink that never waits keeps the default.
   */
  default boolean busy() {
    return false;
  }

  /** Runs {@code ready}, on any thread, once the sink is no longer {@link #busy}. */
  default void whenReady(Runnable ready) {
    ready.run();
  }
}
