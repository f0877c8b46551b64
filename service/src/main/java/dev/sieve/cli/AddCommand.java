package dev.sieve.cli;

import picocli.CommandLine.Command;

/** {@code sieve add words|numbers NAME VALUE...|-f FILE|-}: adds elements to a set. */
@Command(name = "add",
    description = "Adds the VALUEs (or the lines of FILE) to the set NAME, applied whole or not at all.",
    footer = {"  sieve add words en sieve sifted", "  sieve add numbers primes 1000003 2000000-2000010",
        "  sieve add words en -f new-words.txt.gz", "  printf 'a\\nb\\n' | sieve add words en -"})
final class AddCommand extends UpdateCommand {
  @Override
  String op() {
    return "add";
  }

  @Override
  String changed() {
    return "added";
  }
}
