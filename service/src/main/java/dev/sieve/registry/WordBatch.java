package dev.sieve.registry;

import dev.sieve.ingest.TooLargeException;
import dev.sieve.ingest.Utf8;
import dev.sieve.memory.Reservation;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words of an update batch, as UTF-8, in the order given (duplicates kept): at most {@link
 * UpdateBatch#MAX_BYTES} bytes of words (each counted with one byte for its line end).
 */
public final class WordBatch extends UpdateBatch<List<byte[]>> {
  // an update word's own byte[] header and its slot in the list (the bytes are counted apart)
  private static final long WORD_OBJECT_BYTES = 16 + 4;

  private final int maxWordBytes;
  private final List<byte[]> words = new ArrayList<>();
  private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
  private long bytes;

  WordBatch(Reservation reservation, int maxWordBytes) {
    super(reservation);
    this.maxWordBytes = maxWordBytes;
  }

  /** A line of a body: a word, if it is valid UTF-8 (the line limit was checked by the reader). */
  @Override
  public void accept(byte[] line, int length) {
    if (!Utf8.isValid(line, 0, length)) {
      throw new IllegalArgumentException("invalid UTF-8");
    }
    add(Arrays.copyOf(line, length));
  }

  /**
   * Element {@code index} of a batch sent as text (JSON, gRPC): a non-empty string of valid
   * Unicode, at most the line limit long in UTF-8.
   */
  @Override
  public void add(Object word, int index) {
    if (!(word instanceof String text) || text.isEmpty() || !utf8.canEncode(text)) {
      throw new IllegalArgumentException("words[" + index + "] is not a non-empty string of valid Unicode");
    }
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    if (encoded.length > maxWordBytes) {
      throw new TooLargeException("words[" + index + "] is longer than " + maxWordBytes + " bytes", 0);
    }
    add(encoded);
  }

  private void add(byte[] word) {
    bytes += word.length + 1;
    if (bytes > MAX_BYTES) {
      throw tooLarge("words");
    }
    words.add(word);
    long held = WORD_OBJECT_BYTES * words.size() + bytes;
    if (!reservation.tryGrowTo(held)) {
      throw reservation.refusal(held);
    }
  }

  @Override
  public List<byte[]> finish() {
    return words;
  }
}
