package dev.sieve.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sieve stats words|numbers NAME}: a set's statistics ({@code GET /v1/KIND/NAME}) as
 * {@code key: value} lines, whatever fields the server sends ({@link KeyValues}).
 */
@Command(name = "stats",
    description = "Shows the statistics of the set NAME: elements, bytes, version, pending updates.",
    footer = {"  sieve stats words en", "  sieve stats numbers primes --json"})
final class StatsCommand extends ClientCommand {
  @Mixin
  SetArgs set;

  @Override
  public Integer call() {
    return show(ApiPath.of("v1", set.kind.path(), set.name), KeyValues::of);
  }
}
