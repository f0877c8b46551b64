package dev.sieve.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * {@code sieve}: the command-line client. Options given before or after the subcommand: {@code
 * --url} (env {@code SIEVE_URL}), {@code --token} (env {@code SIEVE_TOKEN}), {@code --timeout}
 * (env {@code SIEVE_TIMEOUT}) and {@code --json}.
 *
 * <p>Exit codes (also in {@code --help} and the README): 0 done, 1 some value absent ({@code
 * contains}), 2 bad usage, 3 the server answered with an error, 4 connection refused or lost, 5
 * unknown host, 6 no answer within the timeout.
 */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    version = "sieve client 0.1.0",
    description = "Talks to a Sieve server: sets of words and numbers, their updates, lookups, exports and memory.",
    subcommands = {
      ListCommand.class, StatsCommand.class, LoadCommand.class, AddCommand.class, RemoveCommand.class,
      DeleteCommand.class, ContainsCommand.class, PrefixCommand.class, FuzzyCommand.class, MatchCommand.class, RangeCommand.class,
      CombineCommand.class, ExportCommand.class, MemoryCommand.class, LoadsCommand.class, InfoCommand.class,
      CommandLine.HelpCommand.class},
    exitCodeOnInvalidInput = SieveCli.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:some value is absent (contains)",
      "2:bad usage (unknown option, not a number), or a local file that cannot be read or written",
      "3:the server answered with an error (its message is printed)",
      "4:connection refused or lost",
      "5:unknown host",
      "6:no answer within --timeout"},
    footerHeading = "%nExamples:%n",
    footer = {
      "  sieve --url http://localhost:8080 list",
      "  sieve load words en /usr/share/dict/words",
      "  sieve contains words en sieve siev",
      "  sieve fuzzy en wrod",
      "  sieve --json stats numbers primes | jq .cardinality"})
public final class SieveCli {
  static final int ABSENT = 1;
  static final int USAGE = 2;
  static final int SERVER_ERROR = CallFailure.Reason.SERVER_ERROR.exitCode;
  static final int UNREACHABLE = CallFailure.Reason.UNREACHABLE.exitCode;
  static final int UNKNOWN_HOST = CallFailure.Reason.UNKNOWN_HOST.exitCode;
  static final int TIMEOUT = CallFailure.Reason.TIMEOUT.exitCode;
  /** Seconds {@code --timeout} is when neither it nor {@code SIEVE_TIMEOUT} is given. */
  static final int DEFAULT_TIMEOUT_SECONDS = 30;

  @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
      defaultValue = "${env:SIEVE_URL:-http://localhost:8080}",
      description = "the server (env SIEVE_URL; default ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
      defaultValue = "${env:SIEVE_TOKEN}",
      description = "bearer token for writes, when the server requires one (env SIEVE_TOKEN)")
  String token;

  @Option(names = "--timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
      defaultValue = "${env:SIEVE_TIMEOUT}",
      description = "seconds to wait to connect and for each answer (env SIEVE_TIMEOUT; default "
          + DEFAULT_TIMEOUT_SECONDS + "; 0: no limit; uploads: see load --help)")
  Double timeoutSeconds;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "print the server's JSON as it sent it (compact, a line per answer; paged: per page)")
  boolean json;

  /** Where binary output (an export to standard output) goes; tests replace it. */
  java.io.OutputStream stdout = System.out;

  /** What {@code -} reads (uploads from standard input); tests replace it. */
  java.io.InputStream stdin = System.in;

  /** A client for the server the options name; {@code command} is the one to blame for a bad {@code --url}. */
  SieveClient client(CommandLine command) {
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw new ParameterException(command, "--url must be http://HOST:PORT, not " + url);
    }
    return new SieveClient(url, token, timeout());
  }

  /** The timeout for connecting and answers; null: none. */
  Duration timeout() {
    double seconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    return seconds <= 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** How long an upload waits for its answer after its last byte: {@code --timeout} if given, else no limit. */
  Duration answerWait() {
    return timeoutSeconds == null ? null : timeout();
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands and the client's error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SieveCli()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof CallFailure failure) {
        SieveCli root = cli.getCommand();
        if (root.json && failure.body() != null) {
          command.getOut().println(failure.body());
          command.getOut().flush();
        }
        command.getErr().println("sieve: " + failure.getMessage());
        return failure.exitCode();
      }
      if (e instanceof Upload.UnreadableFileException || e instanceof ApiPath.DotSegmentException) {
        command.getErr().println("sieve: " + e.getMessage());
        return USAGE;
      }
      if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
        // a local file that cannot be written (disk full, no such directory)
        command.getErr().println("sieve: " + e.getMessage());
        return USAGE;
      }
      throw e;
    });
    return cli;
  }
}
