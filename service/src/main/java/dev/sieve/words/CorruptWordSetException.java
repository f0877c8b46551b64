package dev.sieve.words;

import java.io.IOException;

/** Thrown when serialized word-set data is truncated, fails its checksum or is malformed. */
public final class CorruptWordSetException extends IOException {
  public CorruptWordSetException(String message) {
    super(message);
  }
}
