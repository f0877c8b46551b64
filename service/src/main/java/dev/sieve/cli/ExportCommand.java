package dev.sieve.cli;

import io.vertx.core.json.JsonObject;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sieve export words|numbers NAME [-o FILE] [--gzip]}: the whole set, streamed from the
 * server to standard output or a file as it arrives, never held in memory: a word set as text,
 * one word per line ({@code GET /v1/words/NAME/export}), a number set in Roaring's portable
 * format ({@code GET /v1/numbers/NAME/export}), both of which {@code sieve load} reads back.
 *
 * <p>{@code --gzip} asks the server for gzip ({@code Accept-Encoding}) and writes its bytes as
 * they come, or compresses here if it sends them plain; without it, a gzip answer is inflated.
 * A file is written under a temporary name and renamed once whole, so a failed export leaves no
 * half file behind. With {@code -o}, a line (or with {@code --json} an object) tells what was
 * written; without, standard output holds only the set.
 */
@Command(name = "export",
    description = {"Writes the whole set NAME to standard output or FILE, streamed: words as lines, numbers in "
        + "Roaring's portable format (sieve load reads both back).",
        "With -o, a line tells what was written (with --json, an object); without, standard output holds only the set."},
    footer = {"  sieve export words en > en.txt", "  sieve export words en -o en.txt.gz --gzip",
        "  sieve export numbers primes -o primes.roaring"})
final class ExportCommand extends ClientCommand {
  @Mixin
  SetArgs set;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
  Path output;

  @Option(names = "--gzip", description = "write gzip (asked of the server, else compressed here)")
  boolean gzip;

  @Override
  public Integer call() throws IOException {
    HttpRequest.Builder request = client().request(ApiPath.of("v1", set.kind.path(), set.name, "export")).GET();
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    Path dir = output == null ? null : output.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "no such directory: " + dir);
    }
    SieveClient client = client();
    HttpResponse<InputStream> response = client.stream(request.build());
    boolean gzipped = response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false);
    long written;
    try (InputStream body = new FromServer(response.body(), client)) {
      if (output == null) {
        copy(body, gzipped, cli.stdout);
        cli.stdout.flush();
        return 0;
      }
      // not createTempFile: its file is 0600 whatever the umask, and the export would keep that
      Path temp = dir.resolve("." + output.getFileName() + "." + ProcessHandle.current().pid() + ".part");
      try {
        try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          written = copy(body, gzipped, file);
        }
        Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    if (json()) {
      printJson(new JsonObject().put("kind", set.kind.path()).put("name", set.name)
          .put("file", output.toString()).put("bytes", written).put("gzip", gzip).encode());
    } else {
      print(set.kind.path() + " " + set.name + ": " + Units.count(written) + " bytes" + (gzip ? " (gzip)" : "") + " to " + output + "\n");
    }
    return 0;
  }

  /** Copies the body to {@code out} as {@code --gzip} asks; the bytes written. */
  private long copy(InputStream body, boolean gzipped, OutputStream out) throws IOException {
    Counting counted = new Counting(out);
    if (gzip == gzipped) {
      body.transferTo(counted);
    } else if (gzipped) {
      new GZIPInputStream(body, 64 << 10).transferTo(counted);
    } else {
      GZIPOutputStream compressed = new GZIPOutputStream(counted, 64 << 10);
      body.transferTo(compressed);
      compressed.finish();
    }
    counted.flush();
    return counted.count;
  }

  /**
   * The answer's body, its I/O errors turned into the {@link CallFailure} they stand for (the
   * connection broke), so that an {@link IOException} out of {@link #copy} is the local file's.
   */
  private static final class FromServer extends FilterInputStream {
    private final SieveClient client;

    FromServer(InputStream in, SieveClient client) {
      super(in);
      this.client = client;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw client.failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw client.failure(e);
      }
    }
  }

  /** Counts the bytes written through it. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
