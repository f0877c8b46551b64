package dev.sieve.registry;

import java.util.regex.Pattern;

/**
 * The rule for set names: {@code [A-Za-z0-9._-]{1,64}}, and a new set may not be named {@code .}
 * or {@code ..}: HTTP clients and proxies resolve those as path segments (RFC 3986, section 5.2.4),
 * so such a set could be reached over gRPC only. One that an earlier build stored keeps its name
 * (it is restored and served, over gRPC, and can be deleted), so the rule for reading stays the
 * first one.
 */
public final class SetNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private SetNames() {}

  /** True if {@code name} is a valid set name (to read, update or delete a set). */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** True if a new set may take {@code name}: valid, and neither {@code .} nor {@code ..}. */
  public static boolean isValidNew(String name) {
    return isValid(name) && !name.equals(".") && !name.equals("..");
  }
}
