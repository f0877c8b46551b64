package dev.sieve.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the {@code sieve} client in this JVM, as {@code bin/sieve} would run it, with what
 * it printed: its exit code, standard output (text, and the bytes of a binary export) and
 * standard error ({@code \r} of a redrawn progress bar removed).
 */
record CliRun(int code, String out, String err, byte[] bytes) {
  /** Runs {@code sieve --url URL ARGS...} (no {@code --url} when {@code url} is null), stdin empty. */
  static CliRun run(String url, String... args) {
    return withStdin(url, new byte[0], args);
  }

  /** As {@link #run}, with {@code stdin} as standard input. */
  static CliRun withStdin(String url, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine cli = SieveCli.commandLine();
    SieveCli root = cli.getCommand();
    root.stdout = bytes;
    root.stdin = new ByteArrayInputStream(stdin);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>();
    if (url != null) {
      all.addAll(List.of("--url", url));
    }
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString().replace("\r", ""), bytes.toByteArray());
  }

  /** The binary output as UTF-8 text. */
  String bytesText() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** For assertion messages: everything it printed. */
  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
