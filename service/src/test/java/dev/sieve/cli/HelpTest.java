package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} of every command, and the README's CLI section, stay true to the commands there are. */
class HelpTest {
  @Test
  void everyCommandHasHelpWithAnExample() {
    for (String name : SieveCli.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CliRun help = CliRun.run(null, name, "--help");
      assertEquals(0, help.code(), name);
      assertTrue(help.out().startsWith("Usage: sieve " + name + " "), help.out());
      assertTrue(help.out().contains("\nExample"), name + " has no example:\n" + help.out());
      assertTrue(help.out().contains("  sieve " + name + " "), name + "'s example does not run it:\n" + help.out());
      assertTrue(help.out().contains("--json") && help.out().contains("--timeout"), help.out()); // the shared options
    }
  }

  @Test
  void theRootHelpListsEveryExitCode() {
    String help = CliRun.run(null, "--help").out();
    assertTrue(help.contains("\nExit codes:\n"), help);
    for (CallFailure.Reason reason : CallFailure.Reason.values()) {
      assertTrue(help.contains("\n  " + reason.exitCode + "   "), reason + "\n" + help);
    }
    assertTrue(help.contains("\n  " + SieveCli.ABSENT + "   ") && help.contains("\n  " + SieveCli.USAGE + "   "), help);
  }

  @Test
  void theReadmeShowsEveryCommandAndExitCode() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    int start = text.indexOf("### Command-line client");
    String section = text.substring(start, text.indexOf("\n### ", start + 1));
    CommandLine cli = SieveCli.commandLine();
    for (String name : cli.getSubcommands().keySet()) {
      if (!name.equals("help")) {
        assertTrue(section.contains("bin/sieve " + name + " ") || section.contains("bin/sieve " + name + "\n")
            || section.contains("bin/sieve --json " + name + " "), "README's CLI section has no example of " + name);
      }
    }
    for (CallFailure.Reason reason : CallFailure.Reason.values()) {
      assertTrue(section.contains("\n| " + reason.exitCode + " | "), "README's CLI section lacks exit code " + reason.exitCode);
    }
  }
}
