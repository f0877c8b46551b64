package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sieve prefix NAME PREFIX}: the words of a word set starting with PREFIX, one per line, in
 * code point order, then how many there are in all (on standard error, so the list pipes cleanly).
 * {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "prefix", mixinStandardHelpOptions = true,
    description = "Lists the words of the word set NAME that start with PREFIX.")
final class PrefixCommand implements Callable<Integer> {
  @ParentCommand
  SieveCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "PREFIX", defaultValue = "", arity = "0..1")
  String prefix;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "most words to list (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--all", description = "list every word with the prefix, page by page")
  boolean all;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String path = "/v1/words/" + SieveClient.query(name) + "/prefix?prefix=" + SieveClient.query(prefix);
    int pageSize = all ? 10_000 : Math.max(1, Math.min(limit, 10_000));
    long shown = 0;
    long count = 0;
    String after = null;
    do {
      JsonObject page = cli.client().get(path + "&limit=" + pageSize + (after == null ? "" : "&after=" + SieveClient.query(after)));
      count = page.getLong("count");
      for (Object word : page.getJsonArray("words")) {
        out.println(word);
        shown++;
      }
      after = page.getString("next");
    } while (all && after != null);
    out.flush();
    spec.commandLine().getErr().printf("(%s of %s words with prefix \"%s\")%n", Units.count(shown), Units.count(count), prefix);
    return 0;
  }
}
