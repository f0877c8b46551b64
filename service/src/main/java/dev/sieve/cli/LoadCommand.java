package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve load words|numbers NAME FILE}: streams a file into a set (replacing any set of that
 * name once the whole file is in), with a progress bar of the bytes sent, their rate and the time
 * left. What the file is comes from its first bytes ({@link FileType}), not its name: gzip is sent
 * as it is, with {@code Content-Encoding: gzip} (the server inflates it, and the bar counts
 * compressed bytes, so its ETA stays right); for a number set, Roaring's portable format is sent
 * as {@code application/x-roaring}. The file is never held in memory.
 */
@Command(name = "load",
    description = {"Loads FILE into the set NAME, replacing it once the whole file is in.",
        "FILE: one word or number (or range a-b) per line, or for numbers Roaring's portable format; "
            + "gzip or not, told by its first bytes; - reads standard input.",
        "The upload takes as long as it needs, but fails when the server takes none of it for --timeout; "
            + "after its last byte, the build is awaited without a limit unless --timeout is given."},
    footer = {"  sieve load words en /usr/share/dict/words",
        "  seq 0 7 1000000 | gzip | sieve load numbers sevens -",
        "  sieve load numbers ids ids.roaring --skip-bad-lines"})
final class LoadCommand extends ClientCommand {
  @Mixin
  SetArgs set;

  @Parameters(index = "2", paramLabel = "FILE", description = "the file, or - for standard input")
  String file;

  @Option(names = "--skip-bad-lines", description = "skip bad lines, counting them, instead of refusing the file")
  boolean skipBadLines;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    Upload upload = Upload.open(file, cli.stdin);
    ProgressBar bar = noProgress ? null : progressBar(err(), upload.size());
    if (bar != null) {
      upload.onSent(bar::stepTo);
    }
    ApiPath path = ApiPath.of("v1", set.kind.path(), set.name).query("onError", skipBadLines ? "skip" : null);
    SieveClient.Reply answer;
    try {
      answer = client().upload(path, "PUT", upload, set.kind == Kind.NUMBERS, cli.answerWait());
    } finally {
      if (bar != null) {
        bar.close();
        if (System.console() != null) {
          err().println();
        }
        err().flush();
      }
    }
    if (json()) {
      printJson(answer.text());
    } else {
      print(summary(set.kind, set.name, answer.json()));
    }
    return 0;
  }

  /** {@code words en: 104,334 words, 220.6 KiB, 929 ms}: what a load or a combine built. */
  static String summary(Kind kind, String name, JsonObject answer) {
    long count = kind == Kind.WORDS ? answer.getLong("count", 0L) : answer.getLong("cardinality", 0L);
    return String.format("%s %s: %s %s, %s, %s ms%s%n", kind.path(), name, Units.count(count),
        kind.path(), Units.bytes(answer.getLong("bytes", -1L)), Units.count(answer.getLong("elapsedMs", 0L)),
        answer.getLong("skipped", 0L) > 0
            ? ", skipped " + Units.count(answer.getLong("skipped")) + " bad lines (first: "
                + answer.getJsonArray("firstSkippedLines").encode() + ")"
            : "");
  }

  /**
   * On a terminal, a bar redrawn in place 4 times a second; otherwise (a log, a pipe) a line every
   * 5 seconds. Sizes in MiB, or KiB for files under 16 MiB; standard input (size unknown) has no
   * end to the bar, only the bytes sent and their rate.
   */
  private ProgressBar progressBar(PrintWriter err, long size) {
    boolean terminal = System.console() != null;
    boolean small = size >= 0 && size < (16L << 20);
    return new ProgressBarBuilder()
        .setTaskName(set.name)
        .setInitialMax(size)
        .setUnit(small ? " KiB" : " MiB", small ? 1 << 10 : 1 << 20)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(terminal ? 250 : 5_000)
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          err.print(terminal ? "\r" + line : line + System.lineSeparator());
          err.flush();
        }, 100))
        .build();
  }
}
