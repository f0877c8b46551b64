package dev.sieve.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sieve match NAME PATTERN}: the words of a word set matching a wildcard pattern ({@code ?}
 * one code point, {@code *} any run, {@code [abc]}, {@code [a-z]}, {@code [!a-z]}, {@code \}
 * escapes), one per line in code point order, then how many match in all (on standard error).
 * Quote the pattern for the shell.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = "Lists the words of the word set NAME matching the wildcard PATTERN (? * [abc] [a-z] [!a-z] \\ escapes).")
final class MatchCommand implements Callable<Integer> {
  @ParentCommand
  SieveCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "PATTERN")
  String pattern;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "most words to list (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--all", description = "list every match, page by page")
  boolean all;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String path = "/v1/words/" + SieveClient.query(name) + "/match?pattern=" + SieveClient.query(pattern);
    PagedListing.Walked walked = PagedListing.walk(cli.client(), path, "words", limit, all, out::println);
    out.flush();
    spec.commandLine().getErr().printf("(%s of %s words matching \"%s\")%n", Units.count(walked.shown()),
        Units.count(walked.count()), pattern);
    return 0;
  }
}
