package dev.sieve.cli;

import picocli.CommandLine.Parameters;

/** The set a command acts on, its first two parameters: {@code KIND NAME}. A picocli mixin. */
final class SetArgs {
  @Parameters(index = "0", paramLabel = "KIND", description = "words or numbers")
  Kind kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "the set")
  String name;
}
