package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve fuzzy NAME WORD}: the words of a word set within a few edits of WORD, one per line
 * as {@code WORD<TAB>DISTANCE}, closest first, then how many there are in all (on standard error,
 * so the list pipes cleanly). {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "fuzzy",
    description = "Lists the words of the word set NAME within --distance edits of WORD, closest first.",
    footer = {"  sieve fuzzy en wrod -t", "  sieve fuzzy en speling -d 2 --prefix 2 --limit 3"})
final class FuzzyCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the set")
  String name;

  @Parameters(index = "1", paramLabel = "WORD", description = "the word to find neighbours of")
  String word;

  @Option(names = {"-d", "--distance"}, paramLabel = "D", defaultValue = "1",
      description = "edits allowed, 0..2, on code points (default ${DEFAULT-VALUE})")
  int distance;

  @Option(names = {"-t", "--transpositions"}, description = "count a swap of two adjacent code points as one edit")
  boolean transpositions;

  @Option(names = "--prefix", paramLabel = "N", defaultValue = "0",
      description = "the first N code points must match exactly (default ${DEFAULT-VALUE})")
  int prefix;

  @Mixin
  PageArgs pages;

  @Override
  public Integer call() {
    Pages.Listed listed = Pages.list(this, after -> ApiPath.of("v1", "words", name, "fuzzy")
            .query("word", word).query("distance", distance).query("prefix", prefix)
            .query("transpositions", transpositions).query("limit", pages.size()).query("after", after),
        "matches", pages.all, m -> ((JsonObject) m).getString("word") + "\t" + ((JsonObject) m).getInteger("distance"));
    note("(%s of %s words within %d of \"%s\")%n", Units.count(listed.shown()), Units.count(listed.count()),
        distance, word);
    return 0;
  }
}
