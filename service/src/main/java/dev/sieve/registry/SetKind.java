package dev.sieve.registry;

/** The two kinds of set Sieve holds, named as in URLs and JSON. */
public enum SetKind {
  WORDS("words"),
  NUMBERS("numbers");

  private final String wireName;

  SetKind(String wireName) {
    this.wireName = wireName;
  }

  /** The kind's name in URLs and JSON: {@code words} or {@code numbers}. */
  public String wireName() {
    return wireName;
  }

  /** The kind named {@code name}, or null. */
  public static SetKind fromWireName(String name) {
    for (SetKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
