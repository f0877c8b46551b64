package dev.sieve.words;

/** A wildcard pattern that does not parse; {@link #position()} is the 1-based code point where it fails. */
public final class MalformedPatternException extends IllegalArgumentException {
  private final int position;

  MalformedPatternException(String what, int position) {
    super("malformed pattern: " + what + " at code point " + position);
    this.position = position;
  }

  /** The 1-based code point of the pattern where the fault is. */
  public int position() {
    return position;
  }
}
