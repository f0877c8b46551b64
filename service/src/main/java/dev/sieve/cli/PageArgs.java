package dev.sieve.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --limit} and {@code --all}, as every listing command takes them ({@code prefix}, {@code
 * match}, {@code fuzzy}, {@code range}): a picocli mixin, so the options and their help are
 * written once.
 */
final class PageArgs {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "how many to list (default ${DEFAULT-VALUE}); with --all, how many a page (default 10,000)")
  int limit;

  @Option(names = "--all", description = "list every one, page by page")
  boolean all;

  /** The page to ask for: {@code --limit} (1 .. 10,000), or with {@code --all} the largest unless {@code --limit} is given. */
  int size() {
    if (all && !command.commandLine().getParseResult().hasMatchedOption("--limit")) {
      return Pages.MAX_PAGE;
    }
    return Math.max(1, Math.min(limit, Pages.MAX_PAGE));
  }
}
