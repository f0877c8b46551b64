package dev.sieve.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve range NAME FROM [TO]}: the members of a number set in {@code [FROM, TO)},
 * ascending, one per line, then how many there are in all (on standard error, so the list pipes
 * cleanly). {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "range",
    description = "Lists the members of the number set NAME from FROM (included) to TO (excluded; default: no bound).",
    footer = {"  sieve range primes 100 200 --limit 5", "  sieve range sevens 0 --all | wc -l"})
final class RangeCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the set")
  String name;

  @Parameters(index = "1", paramLabel = "FROM", description = "the first value to consider")
  long from;

  @Parameters(index = "2", arity = "0..1", paramLabel = "TO", description = "the bound, excluded (default: none)")
  Long to;

  @Mixin
  PageArgs pages;

  @Override
  public Integer call() {
    Pages.Listed listed = Pages.list(this, after -> ApiPath.of("v1", "numbers", name, "range")
        .query("from", from).query("to", to).query("limit", pages.size()).query("after", after), "numbers", pages.all);
    note("(%s of %s numbers %s)%n", Units.count(listed.shown()), Units.count(listed.count()),
        to == null ? "from " + from + " on" : "in [" + from + ", " + to + ")");
    return 0;
  }
}
