package dev.sieve.cli;

import picocli.CommandLine.Command;

/** {@code sieve remove words|numbers NAME VALUE...|-f FILE|-}: removes elements from a set. */
@Command(name = "remove",
    description = "Removes the VALUEs (or the lines of FILE) from the set NAME, applied whole or not at all.",
    footer = {"  sieve remove words en sifted", "  sieve remove numbers primes 2000000-2000010",
        "  sieve remove words en -f gone.txt"})
final class RemoveCommand extends UpdateCommand {
  @Override
  String op() {
    return "remove";
  }

  @Override
  String changed() {
    return "removed";
  }
}
