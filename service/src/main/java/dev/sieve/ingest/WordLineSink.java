package dev.sieve.ingest;

import dev.sieve.words.WordSetCollector;

/**
 * Validates each line as UTF-8 and collects it as a word; invalid UTF-8 is a bad line, a full
 * collector a {@link TooLargeException}.
 */
public final class WordLineSink implements LineSink {
  private final WordSetCollector collector;

  public WordLineSink(WordSetCollector collector) {
    this.collector = collector;
  }

  @Override
  public void accept(byte[] line, int length) {
    if (!Utf8.isValid(line, 0, length)) {
      throw new IllegalArgumentException("invalid UTF-8");
    }
    try {
      collector.add(line, 0, length);
    } catch (IllegalStateException e) {
      throw new TooLargeException(e.getMessage(), 0);
    }
  }

  @Override
  public boolean busy() {
    return collector.busy();
  }

  @Override
  public void whenReady(Runnable ready) {
    collector.whenReady(ready);
  }
}
