package dev.sieve;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sieve's {@link Main} in a child JVM (the test class path, the project's JVM flags). */
final class ChildServer implements AutoCloseable {
  final Process process;
  final BufferedReader out;
  /** Every line the child printed so far (once {@link #awaitPort} has been called). */
  final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
  int port = -1;
  /** The data directory made for this child (deleted on close), or null if the test gave one. */
  private Path ownDataDir;

  private ChildServer(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildServer start(List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
    return start(jvmOptions, List.of(), env, args);
  }

  /**
   * As {@link #start(List, Map, String...)}, leaving out the project's JVM flags that start with
   * one of {@code withoutFlags} (to prove the server does without them).
   */
  static ChildServer start(List<String> jvmOptions, List<String> withoutFlags, Map<String, String> env,
      String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    for (String flag : System.getProperty("sieve.jvm.flags", "").trim().split("\\s+")) {
      if (withoutFlags.stream().noneMatch(flag::startsWith)) {
        command.add(flag);
      }
    }
    command.removeIf(String::isEmpty);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path own = null;
    if (!command.contains("--data-dir") && !env.containsKey("SIEVE_DATA_DIR")) {
      // never the default ./data: each child gets a fresh data directory unless the test names one
      own = java.nio.file.Files.createTempDirectory("sieve-child");
      command.addAll(List.of("--data-dir", own.toString()));
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    for (String key : List.of("SIEVE_PORT", "SIEVE_DATA_DIR", "SIEVE_TOKEN", "SIEVE_MAX_BODY_BYTES", "SIEVE_MAX_LINE_BYTES",
        "SIEVE_LOAD_MEMORY")) {
      builder.environment().remove(key);
    }
    builder.environment().putAll(env);
    ChildServer child = new ChildServer(builder.start());
    child.ownDataDir = own;
    return child;
  }

  /** Waits for the "listening" line and returns the port; then echoes the rest of the output. */
  int awaitPort() throws IOException {
    StringBuilder said = new StringBuilder();
    String first = out.readLine();
    // the JVM may warn first (e.g. about flags a newer JDK deprecates)
    while (first != null && !first.startsWith("sieve listening on port ") && said.length() < 100_000) {
      said.append(first).append('\n');
      lines.add(first);
      System.out.println("[child] " + first);
      first = out.readLine();
    }
    if (first == null || !first.startsWith("sieve listening on port ")) {
      throw new IllegalStateException("server said: " + said);
    }
    port = Integer.parseInt(first.replaceAll("\\D+(\\d+).*", "$1"));
    Thread drain = new Thread(() -> {
      try {
        out.lines().forEach(l -> {
          lines.add(l);
          System.out.println("[child] " + l);
        });
      } catch (java.io.UncheckedIOException closed) {
        // the child was stopped and its output closed: nothing more to echo
      }
    });
    drain.setDaemon(true);
    drain.start();
    return port;
  }

  /** Waits until {@code /ready} answers 200. */
  void awaitReady() throws IOException, InterruptedException {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      int status = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + port + "/ready")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("not ready after 60 s");
  }

  /** Kills the child with SIGKILL (no shutdown hook runs) and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    if (ownDataDir != null) {
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(ownDataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory: left for the OS to clean
      }
    }
  }
}
