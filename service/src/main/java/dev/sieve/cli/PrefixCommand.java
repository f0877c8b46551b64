package dev.sieve.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve prefix NAME PREFIX}: the words of a word set starting with PREFIX, one per line, in
 * code point order, then how many there are in all (on standard error, so the list pipes cleanly).
 * {@code --limit} caps the list; {@code --all} pages through every one.
 */
@Command(name = "prefix",
    description = "Lists the words of the word set NAME that start with PREFIX (all words without one).",
    footer = {"  sieve prefix en siev --limit 5", "  sieve prefix en --all > en.txt"})
final class PrefixCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the set")
  String name;

  @Parameters(index = "1", paramLabel = "PREFIX", defaultValue = "", arity = "0..1")
  String prefix;

  @Mixin
  PageArgs pages;

  @Override
  public Integer call() {
    Pages.Listed listed = Pages.list(this, after -> ApiPath.of("v1", "words", name, "prefix")
        .query("prefix", prefix).query("limit", pages.size()).query("after", after), "words", pages.all);
    note("(%s of %s words with prefix \"%s\")%n", Units.count(listed.shown()), Units.count(listed.count()), prefix);
    return 0;
  }
}
