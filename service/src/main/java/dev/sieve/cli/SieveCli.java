package dev.sieve.cli;

import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code sieve}: the command-line client. Options given before or after the subcommand: {@code
 * --url} (env {@code SIEVE_URL}) and {@code --token} (env {@code SIEVE_TOKEN}).
 *
 * <p>Exit codes: 0 done (for {@code contains}: every value present), 1 some value absent, 2 bad
 * usage, 3 the server refused the request, 4 the server could not be reached.
 */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    version = "sieve client 0.1.0",
    description = "Talks to a Sieve server: loads sets, looks values up, shows the memory report.",
    subcommands = {LoadCommand.class, ContainsCommand.class, PrefixCommand.class, FuzzyCommand.class, MatchCommand.class,
        MemoryCommand.class},
    exitCodeOnInvalidInput = 2)
public final class SieveCli {
  static final int REFUSED = 3;
  static final int UNREACHABLE = 4;

  @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
      defaultValue = "${env:SIEVE_URL:-http://localhost:8080}",
      description = "the server (env SIEVE_URL; default ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
      defaultValue = "${env:SIEVE_TOKEN}",
      description = "bearer token for loads, when the server requires one (env SIEVE_TOKEN)")
  String token;

  /** A client for the server the options name. */
  SieveClient client() {
    return new SieveClient(url, token);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands and the client's error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SieveCli()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof SieveClient.RefusedException refused) {
        command.getErr().println("sieve: " + refused.getMessage());
        return REFUSED;
      }
      if (e instanceof SieveClient.UnreachableException unreachable) {
        command.getErr().println("sieve: " + unreachable.getMessage());
        return UNREACHABLE;
      }
      throw e;
    });
    return cli;
  }
}
