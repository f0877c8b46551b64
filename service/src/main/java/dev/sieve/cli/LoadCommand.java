package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sieve load words|numbers NAME FILE}: streams a file into a set (replacing any set of that
 * name once the whole file is in), with a progress bar of the bytes sent, their rate and the time
 * left. A {@code .gz} file is sent as it is, with {@code Content-Encoding: gzip}: the server
 * inflates it, and the bar counts compressed bytes, so its ETA stays right. The file is never held
 * in memory.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Loads FILE (one word or number per line; .gz is sent compressed) into the set NAME.")
final class LoadCommand implements Callable<Integer> {
  @ParentCommand
  SieveCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "words or numbers")
  Kind kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "the set to create or replace")
  String name;

  @Parameters(index = "2", paramLabel = "FILE", description = "one element per line; .gz accepted")
  Path file;

  @Option(names = "--skip-bad-lines", description = "skip bad lines, counting them, instead of refusing the file")
  boolean skipBadLines;

  @Option(names = "--no-progress", description = "no progress bar")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("sieve: no such file: " + file);
      return 2;
    }
    long size = Files.size(file);
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    ProgressBar bar = noProgress ? null : progressBar(err, size);
    LongConsumer sent = bar == null ? n -> {} : bar::stepTo;
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> open(file, sent)), size);
    HttpRequest.Builder request = cli.client()
        .request("/v1/" + kind.path() + "/" + SieveClient.query(name) + (skipBadLines ? "?onError=skip" : ""))
        .header("Content-Type", "text/plain; charset=utf-8")
        .PUT(body);
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    JsonObject answer;
    try {
      answer = cli.client().send(request.build());
    } finally {
      if (bar != null) {
        bar.close();
        if (System.console() != null) {
          err.println();
        }
        err.flush();
      }
    }
    long count = kind == Kind.WORDS ? answer.getLong("count", 0L) : answer.getLong("cardinality", 0L);
    out.printf("%s %s: %s %s, %s, %s ms%s%n", kind.path(), name, Units.count(count),
        kind == Kind.WORDS ? "words" : "numbers", Units.bytes(answer.getLong("bytes", -1L)),
        Units.count(answer.getLong("elapsedMs", 0L)),
        answer.getLong("skipped", 0L) > 0
            ? ", skipped " + Units.count(answer.getLong("skipped")) + " bad lines (first: "
                + answer.getJsonArray("firstSkippedLines").encode() + ")"
            : "");
    out.flush();
    return 0;
  }

  /**
   * On a terminal, a bar redrawn in place 4 times a second; otherwise (a log, a pipe) a line every
   * 5 seconds. Sizes in MiB, or KiB for files under 16 MiB.
   */
  private ProgressBar progressBar(PrintWriter err, long size) {
    boolean terminal = System.console() != null;
    boolean small = size < (16L << 20);
    return new ProgressBarBuilder()
        .setTaskName(name)
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

  private static InputStream open(Path file, LongConsumer sent) {
    try {
      return new CountingStream(Files.newInputStream(file), sent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tells how many bytes have been read so far, after each read. */
  private static final class CountingStream extends FilterInputStream {
    private final LongConsumer sent;
    private long count;

    CountingStream(InputStream in, LongConsumer sent) {
      super(in);
      this.sent = sent;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        sent.accept(++count);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
        sent.accept(count);
      }
      return n;
    }
  }
}
