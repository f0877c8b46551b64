package dev.sieve.cli;

import picocli.CommandLine.Command;

/**
 * {@code sieve info}: what the server says of itself ({@code GET /v1/info}: version, uptime, its
 * sets, storage policy) as {@code key: value} lines, whatever fields it sends ({@link KeyValues}),
 * so a newer server's fields show without a newer client.
 */
@Command(name = "info",
    description = "Shows what the server says of itself: version, uptime, sets, storage policy.",
    footer = {"  sieve info", "  sieve info --json | jq -r .version"})
final class InfoCommand extends ClientCommand {
  @Override
  public Integer call() {
    return show(ApiPath.of("v1", "info"), KeyValues::of);
  }
}
