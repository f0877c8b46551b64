package dev.sieve.registry;

import java.util.regex.Pattern;

/** The rule for set names: {@code [A-Za-z0-9._-]{1,64}}. */
public final class SetNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private SetNames() {}

  /** True if {@code name} is a valid set name. */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
