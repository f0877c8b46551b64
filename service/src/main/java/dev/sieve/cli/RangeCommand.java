package dev.sieve.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve range NAME FROM [TO]}: the members of a number set in {@code [FROM, TO)},
 * ascending, one per line, then how many there are in all (on standard error, so the list pipes
 * cleanly). {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "range", mixinStandardHelpOptions = true,
    description = "Lists the members of the number set NAME from FROM (included) to TO (excluded; default: no bound).",
    footerHeading = "%nExamples:%n",
    footer = {"  sieve range primes 100 200 --limit 5", "  sieve range sevens 0 --all | wc -l"})
final class RangeCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the set")
  String name;

  @Parameters(index = "1", paramLabel = "FROM", description = "the first value to consider")
  long from;

  @Parameters(index = "2", arity = "0..1", paramLabel = "TO", description = "the bound, excluded (default: none)")
  Long to;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "most numbers to list (default ${DEFAULT-VALUE}); with --all, the page size (default 10,000)")
  int limit;

  @Option(names = "--all", description = "list every number in the range, page by page")
  boolean all;

  @Override
  public Integer call() {
    int pageSize = Pages.size(limit, all, spec);
    Pages.Listed listed = Pages.list(this, after -> ApiPath.of("v1", "numbers", name, "range")
        .query("from", from).query("to", to).query("limit", pageSize).query("after", after), "numbers", all);
    if (!json()) {
      err().printf("(%s of %s numbers %s)%n", Units.count(listed.shown()), Units.count(listed.count()),
          to == null ? "from " + from + " on" : "in [" + from + ", " + to + ")");
      err().flush();
    }
    return 0;
  }
}
