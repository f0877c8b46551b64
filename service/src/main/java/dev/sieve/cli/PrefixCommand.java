package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve prefix NAME PREFIX}: the words of a word set starting with PREFIX, one per line, in
 * code point order, then how many there are in all (on standard error, so the list pipes cleanly).
 * {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "prefix", mixinStandardHelpOptions = true,
    description = "Lists the words of the word set NAME that start with PREFIX (all words without one).",
    footerHeading = "%nExamples:%n",
    footer = {"  sieve prefix en siev --limit 5", "  sieve prefix en --all > en.txt"})
final class PrefixCommand extends ClientCommand {
  /** The most the server gives in one page. */
  static final int MAX_PAGE = 10_000;

  @Parameters(index = "0", paramLabel = "NAME", description = "the set")
  String name;

  @Parameters(index = "1", paramLabel = "PREFIX", defaultValue = "", arity = "0..1")
  String prefix;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "most words to list (default ${DEFAULT-VALUE}); with --all, the page size (default 10,000)")
  int limit;

  @Option(names = "--all", description = "list every word with the prefix, page by page")
  boolean all;

  /** The page to ask for: {@code --limit} (1 .. 10,000), or with {@code --all} the largest unless {@code --limit} is given. */
  static int pageSize(int limit, boolean all, CommandSpec spec) {
    if (all && !spec.commandLine().getParseResult().hasMatchedOption("--limit")) {
      return MAX_PAGE;
    }
    return Math.max(1, Math.min(limit, MAX_PAGE));
  }

  @Override
  public Integer call() {
    int pageSize = pageSize(limit, all, spec);
    long shown = 0;
    long count;
    String after = null;
    do {
      SieveClient.Reply reply = client().get(ApiPath.of("v1", "words", name, "prefix")
          .query("prefix", prefix).query("limit", pageSize).query("after", after));
      JsonObject page = reply.json();
      count = page.getLong("count");
      if (json()) {
        printJson(reply.text());
      } else {
        StringBuilder text = new StringBuilder();
        for (Object word : page.getJsonArray("words")) {
          text.append(word).append('\n');
          shown++;
        }
        print(text.toString());
      }
      after = page.getString("next");
    } while (all && after != null);
    if (!json()) {
      err().printf("(%s of %s words with prefix \"%s\")%n", Units.count(shown), Units.count(count), prefix);
      err().flush();
    }
    return 0;
  }
}
