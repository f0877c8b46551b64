package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way of not getting an answer has its own message and exit code. The servers here are raw
 * sockets that misbehave on purpose (accept and stay silent, or never read), not clients.
 */
class ConnectionErrorsTest {
  @TempDir
  Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** A socket on a free loopback port that accepts connections; {@code reader} is run on each. */
  private ServerSocket listening(SocketHandler reader) throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    open.add(socket);
    Thread accept = new Thread(() -> {
      try {
        while (true) {
          Socket s = socket.accept();
          open.add(s);
          Thread t = new Thread(() -> reader.handle(s));
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException closed) {
        // the test is over
      }
    });
    accept.setDaemon(true);
    accept.start();
    return socket;
  }

  interface SocketHandler {
    void handle(Socket s);
  }

  private static String url(ServerSocket socket) {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  @Test
  void anUnknownHostIsNamed() {
    CliRun run = CliRun.run("http://no-such-host.invalid:8080", "list");
    assertEquals(SieveCli.UNKNOWN_HOST, run.code(), run.toString());
    assertEquals("sieve: cannot resolve host 'no-such-host.invalid'\n", run.err());
  }

  @Test
  void aRefusedConnectionSaysWhereAndWhy() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // free now, nothing listens once closed
    }
    CliRun run = CliRun.run("http://127.0.0.1:" + port, "memory");
    assertEquals(SieveCli.UNREACHABLE, run.code(), run.toString());
    assertEquals("sieve: connection refused by 127.0.0.1:" + port + " (is the server running?)\n", run.err());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    ServerSocket silent = listening(s -> {});
    CliRun run = CliRun.run(url(silent), "--timeout", "1", "stats", "words", "en");
    assertEquals(SieveCli.TIMEOUT, run.code(), run.toString());
    assertEquals("sieve: no answer from 127.0.0.1:" + silent.getLocalPort() + " within 1s\n", run.err());
    CliRun half = CliRun.run(url(silent), "info", "--timeout", "0.5");
    assertEquals("sieve: no answer from 127.0.0.1:" + silent.getLocalPort() + " within 0.5s\n", half.err());
  }

  @Test
  void anUploadTheServerStopsTakingTimesOut() throws IOException {
    ServerSocket deaf = listening(s -> {}); // never reads: the upload stalls once the buffers are full
    Path file = dir.resolve("big.txt");
    byte[] chunk = new byte[1 << 20];
    new Random(1).nextBytes(chunk);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 32; i++) { // more than the socket buffers of both ends hold
        out.write(chunk);
      }
    }
    CliRun run = CliRun.run(url(deaf), "--timeout", "1", "load", "--no-progress", "words", "big", file.toString());
    assertEquals(SieveCli.TIMEOUT, run.code(), run.toString());
    assertTrue(run.err().startsWith("sieve: no answer from 127.0.0.1:" + deaf.getLocalPort()
        + " within 1s (it took no more of the upload after "), run.err());
  }

  @Test
  void afterTheUploadAGivenTimeoutBoundsTheWait() throws IOException {
    // reads the whole request, never answers: a build that never ends
    ServerSocket reader = listening(s -> {
      try (InputStream in = s.getInputStream()) {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // closed by the client
      }
    });
    Path file = dir.resolve("small.txt");
    Files.writeString(file, "a\nb\n", StandardCharsets.UTF_8);
    CliRun run = CliRun.run(url(reader), "--timeout", "1", "add", "words", "w", "-f", file.toString());
    assertEquals(SieveCli.TIMEOUT, run.code(), run.toString());
    assertEquals("sieve: no answer from 127.0.0.1:" + reader.getLocalPort() + " within 1s of the end of the upload\n", run.err());
  }

  @Test
  void aConnectionCutMidAnswerIsSaidSo() throws IOException {
    ServerSocket rude = listening(s -> {
      try {
        s.getInputStream().read();
        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"se".getBytes(StandardCharsets.US_ASCII));
        s.close();
      } catch (IOException e) {
        // done
      }
    });
    CliRun run = CliRun.run(url(rude), "list");
    assertEquals(SieveCli.UNREACHABLE, run.code(), run.toString());
    assertTrue(run.err().startsWith("sieve: connection to 127.0.0.1:" + rude.getLocalPort() + " lost: "), run.err());
  }

  @Test
  void aUrlThatIsNotHttpIsAUsageError() {
    CliRun run = CliRun.run("localhost:8080", "list");
    assertEquals(SieveCli.USAGE, run.code(), run.toString());
    assertTrue(run.err().contains("--url must be http://HOST:PORT, not localhost:8080"), run.err());
  }
}
