package dev.sieve.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve match NAME PATTERN}: the words of a word set matching a wildcard pattern ({@code ?}
 * one code point, {@code *} any run, {@code [abc]}, {@code [a-z]}, {@code [!a-z]}, {@code \}
 * escapes), one per line in code point order, then how many match in all (on standard error).
 * Quote the pattern for the shell.
 */
@Command(name = "match",
    description = "Lists the words of the word set NAME matching the wildcard PATTERN (? * [abc] [a-z] [!a-z] \\ escapes).",
    footer = {"  sieve match en 'c?t*' --limit 5", "  sieve match en '[xz]*ing' --all"})
final class MatchCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the set")
  String name;

  @Parameters(index = "1", paramLabel = "PATTERN", description = "the wildcard pattern (quote it for the shell)")
  String pattern;

  @Mixin
  PageArgs pages;

  @Override
  public Integer call() {
    Pages.Listed listed = Pages.list(this, after -> ApiPath.of("v1", "words", name, "match")
        .query("pattern", pattern).query("limit", pages.size()).query("after", after), "words", pages.all);
    note("(%s of %s words matching \"%s\")%n", Units.count(listed.shown()), Units.count(listed.count()), pattern);
    return 0;
  }
}
