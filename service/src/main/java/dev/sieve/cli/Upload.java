package dev.sieve.cli;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The body of an upload: a file (or standard input, {@code -}) streamed as it is read, never held
 * in memory, with its {@link FileType} told from its first bytes, and how far sending it has got
 * (for the progress bar and for {@link SieveClient}'s idle timeout). A gzip file is sent as it is,
 * compressed, so its progress counts compressed bytes. One send per instance; the fields read by
 * the sending client's threads are volatile.
 */
final class Upload {
  private final Path file;
  private final InputStream stdin;
  private final FileType type;
  private final long size;
  private volatile LongConsumer onSent = n -> {};
  private volatile long sentBytes;
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile long finishedNanos = -1;

  private Upload(Path file, InputStream stdin, FileType type, long size) {
    this.file = file;
    this.stdin = stdin;
    this.type = type;
    this.size = size;
  }

  /** Thrown for a file that cannot be read: a usage error, nothing was sent. */
  static final class UnreadableFileException extends RuntimeException {
    UnreadableFileException(String message) {
      super(message);
    }
  }

  /** {@code source}: a file name, or {@code -} for {@code stdin}. */
  static Upload open(String source, InputStream stdin) {
    if ("-".equals(source)) {
      BufferedInputStream in = new BufferedInputStream(stdin, 64 << 10);
      in.mark(FileType.HEAD_BYTES);
      try {
        byte[] head = in.readNBytes(FileType.HEAD_BYTES);
        in.reset();
        return new Upload(null, in, FileType.of(head, head.length), -1);
      } catch (IOException e) {
        throw new UnreadableFileException("cannot read standard input: " + e.getMessage());
      }
    }
    Path file = Path.of(source);
    if (Files.isDirectory(file)) {
      throw new UnreadableFileException("not a file: " + source);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(FileType.HEAD_BYTES);
      return new Upload(file, null, FileType.of(head, head.length), Files.size(file));
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException("no such file: " + source);
    } catch (IOException e) {
      throw new UnreadableFileException("cannot read " + source + ": " + e.getMessage());
    }
  }

  FileType type() {
    return type;
  }

  /** Bytes to send, or -1 for standard input. */
  long size() {
    return size;
  }

  /** Called with the bytes sent so far after each read of the body. */
  void onSent(LongConsumer consumer) {
    this.onSent = consumer;
  }

  /** Adds {@code Content-Type} (and {@code Content-Encoding: gzip} for a gzip file) and the body. */
  HttpRequest.Builder into(HttpRequest.Builder request, String method, boolean numbers) {
    request.header("Content-Type", type.contentType(numbers));
    if (type.gzip()) {
      request.header("Content-Encoding", "gzip");
    }
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(this::stream);
    return request.method(method, size >= 0 ? HttpRequest.BodyPublishers.fromPublisher(body, size) : body);
  }

  /** When the last byte was read from the source, or -1 while it is being sent. */
  long finishedNanos() {
    return finishedNanos;
  }

  /** When a byte was last read from the source (the start, before any). */
  long lastProgressNanos() {
    return lastProgressNanos;
  }

  long sentBytes() {
    return sentBytes;
  }

  private InputStream stream() {
    try {
      return new Progress(file != null ? Files.newInputStream(file) : stdin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts what is read, and notes the end. */
  private final class Progress extends FilterInputStream {
    Progress(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      long now = System.nanoTime();
      if (n > 0) {
        sentBytes += n;
        lastProgressNanos = now;
        onSent.accept(sentBytes);
      }
      // a body of known length may be sent without reading its end
      if ((n < 0 || (size >= 0 && sentBytes >= size)) && finishedNanos < 0) {
        finishedNanos = now;
      }
      return n;
    }
  }
}
