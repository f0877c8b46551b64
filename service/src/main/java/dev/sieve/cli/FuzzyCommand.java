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
 * {@code sieve fuzzy NAME WORD}: the words of a word set within a few edits of WORD, one per line
 * as {@code WORD<TAB>DISTANCE}, closest first, then how many there are in all (on standard error,
 * so the list pipes cleanly). {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "fuzzy", mixinStandardHelpOptions = true,
    description = "Lists the words of the word set NAME within --distance edits of WORD, closest first.")
final class FuzzyCommand implements Callable<Integer> {
  @ParentCommand
  SieveCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "WORD")
  String word;

  @Option(names = {"-d", "--distance"}, paramLabel = "D", defaultValue = "1",
      description = "edits allowed, 0..2, on code points (default ${DEFAULT-VALUE})")
  int distance;

  @Option(names = {"-t", "--transpositions"}, description = "count a swap of two adjacent code points as one edit")
  boolean transpositions;

  @Option(names = "--prefix", paramLabel = "N", defaultValue = "0",
      description = "the first N code points must match exactly (default ${DEFAULT-VALUE})")
  int prefix;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "most words to list (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--all", description = "list every match, page by page")
  boolean all;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String path = "/v1/words/" + SieveClient.query(name) + "/fuzzy?word=" + SieveClient.query(word)
        + "&distance=" + distance + "&prefix=" + prefix + (transpositions ? "&transpositions=true" : "");
    PagedListing.Walked walked = PagedListing.walk(cli.client(), path, "matches", limit, all, m -> {
      JsonObject match = (JsonObject) m;
      out.println(match.getString("word") + "\t" + match.getInteger("distance"));
    });
    out.flush();
    spec.commandLine().getErr().printf("(%s of %s words within %d of \"%s\")%n", Units.count(walked.shown()),
        Units.count(walked.count()), distance, word);
    return 0;
  }
}
