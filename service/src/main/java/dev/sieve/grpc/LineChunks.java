package dev.sieve.grpc;

import dev.sieve.proto.LoadChunk;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * The bytes of one load's {@link LoadChunk}s: {@code lines} as they are, {@code values} as
 * decimal lines (so they go through the same parser, limits, line numbers and {@code on_error} as
 * text). A load sends lines or values, not both (a value appended to a half line would silently
 * join it); values in a word load, or a mix, are refused with an {@link IllegalArgumentException}.
 * One instance per load: it remembers which form the load uses.
 */
final class LineChunks implements Function<LoadChunk, Buffer> {
  private final boolean valuesAllowed;
  /** Which form of data the load uses, once known: null, "lines" or "values". */
  private String form;

  /** {@code valuesAllowed} for number loads. */
  LineChunks(boolean valuesAllowed) {
    this.valuesAllowed = valuesAllowed;
  }

  @Override
  public Buffer apply(LoadChunk chunk) {
    boolean lines = !chunk.getLines().isEmpty();
    boolean values = chunk.getValuesCount() > 0;
    if (values && !valuesAllowed) {
      throw new IllegalArgumentException("values are for number sets: send words as lines");
    }
    if (lines || values) {
      String now = lines && values ? "both" : lines ? "lines" : "values";
      if (now.equals("both") || form != null && !form.equals(now)) {
        throw new IllegalArgumentException("a load sends lines or values, not both");
      }
      form = now;
    }
    if (!values) {
      return Buffer.buffer(chunk.getLines().toByteArray());
    }
    StringBuilder text = new StringBuilder(chunk.getValuesCount() * 12);
    for (int i = 0; i < chunk.getValuesCount(); i++) {
      // uint64: a value over 2^63-1 reaches the parser as it was sent, and is refused there
      text.append(Long.toUnsignedString(chunk.getValues(i))).append('\n');
    }
    return Buffer.buffer(text.toString());
  }
}
