package dev.sieve;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sieve's {@link Main} in a child JVM (the test class path, the project's JVM flags). */
final class ChildServer implements AutoCloseable {
  final Process process;
  final BufferedReader out;
  int port = -1;

  private ChildServer(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildServer start(List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(Arrays.asList(System.getProperty("sieve.jvm.flags", "").trim().split("\\s+")));
    command.removeIf(String::isEmpty);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    for (String key : List.of("SIEVE_PORT", "SIEVE_DATA_DIR", "SIEVE_TOKEN", "SIEVE_MAX_BODY_BYTES", "SIEVE_MAX_LINE_BYTES")) {
      builder.environment().remove(key);
    }
    builder.environment().putAll(env);
    return new ChildServer(builder.start());
  }

  /** Waits for the "listening" line and returns the port; then echoes the rest of the output. */
  int awaitPort() throws IOException {
    StringBuilder said = new StringBuilder();
    String first = out.readLine();
    // the JVM may warn first (e.g. about flags a newer JDK deprecates)
    while (first != null && !first.startsWith("sieve listening on port ") && said.length() < 10_000) {
      said.append(first).append('\n');
      first = out.readLine();
    }
    if (first == null || !first.startsWith("sieve listening on port ")) {
      throw new IllegalStateException("server said: " + said);
    }
    port = Integer.parseInt(first.replaceAll("\\D+(\\d+).*", "$1"));
    Thread drain = new Thread(() -> {
      try {
        out.lines().forEach(l -> System.out.println("[child] " + l));
      } catch (java.io.UncheckedIOException closed) {
        // the child was stopped and its output closed: nothing more to echo
      }
    });
    drain.setDaemon(true);
    drain.start();
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
