package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the root's options (server, token, timeout, {@code --json}), the
 * client they give, and the command line's writers (so tests can capture them). A subcommand
 * decodes its arguments, makes its calls, and prints the answer: as the server sent it with
 * {@code --json}, else for a person. Every subcommand inherits {@code --help}, {@code --version}
 * and the heading of its examples from the {@code @Command} here.
 */
@Command(mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n")
abstract class ClientCommand implements Callable<Integer> {
  @ParentCommand
  SieveCli cli;

  @Spec
  CommandSpec spec;

  SieveClient client() {
    return cli.client(spec.commandLine());
  }

  boolean json() {
    return cli.json;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** GETs {@code path} and prints the answer: as it came with {@code --json}, else as {@code text} makes it. */
  int show(ApiPath path, Function<JsonObject, String> text) {
    SieveClient.Reply reply = client().get(path);
    if (json()) {
      printJson(reply.text());
    } else {
      print(text.apply(reply.json()));
    }
    return 0;
  }

  /** Prints a JSON document as the server sent it, on a line of its own. */
  void printJson(String text) {
    out().println(text);
    out().flush();
  }

  /** Prints a note for a person on standard error (where it does not spoil a pipe), unless {@code --json}. */
  void note(String format, Object... args) {
    if (!json()) {
      err().printf(format, args);
      err().flush();
    }
  }

  /** Prints {@code text} (lines ending in newlines) as it is. */
  void print(String text) {
    out().print(text);
    out().flush();
  }
}
