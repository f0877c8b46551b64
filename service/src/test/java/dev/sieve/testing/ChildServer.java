package dev.sieve.testing;

import dev.sieve.Main;
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

/**
 * Sieve's {@link Main} in a child JVM (the test class path, the project's JVM flags, none of the
 * {@code SIEVE_*} variables of this JVM's environment): the one launcher of the tests that need a
 * process of its own (a heap of a given size, a kill -9, a start that fails, {@code java -jar}-like
 * flags). Each child gets a fresh data directory (deleted on close) unless the test names one.
 */
public final class ChildServer implements AutoCloseable {
  public final Process process;
  final BufferedReader out;
  /** Every line the child printed so far (once {@link #awaitPort} has been called). */
  public final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
  public int port = -1;
  /** The data directory made for this child (deleted on close), or null if the test gave one. */
  private Path ownDataDir;

  private ChildServer(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static ChildServer start(List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
    return start(jvmOptions, List.of(), env, args);
  }

  /**
   * As {@link #start(List, Map, String...)}, leaving out the project's JVM flags that start with
   * one of {@code withoutFlags} (to prove the server does without them).
   */
  public static ChildServer start(List<String> jvmOptions, List<String> withoutFlags, Map<String, String> env,
      String... args) throws IOException {
    return start(List.of(), jvmOptions, withoutFlags, env, args);
  }

  /** As {@link #start(List, Map, String...)}, in network namespace {@code netns} ({@code ip netns exec}). */
  public static ChildServer startIn(String netns, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of("ip", "netns", "exec", netns), jvmOptions, List.of(), env, args);
  }

  private static ChildServer start(List<String> prefix, List<String> jvmOptions, List<String> withoutFlags,
      Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
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
        "SIEVE_LOAD_MEMORY", "SIEVE_HOST", "SIEVE_TLS_CERT", "SIEVE_TLS_KEY", "SIEVE_DRAIN_SECONDS", "SIEVE_LOG_FORMAT", "SIEVE_ACCESS_LOG",
        "SIEVE_CLUSTER", "SIEVE_CLUSTER_HOST", "SIEVE_CLUSTER_PORT", "SIEVE_CLUSTER_MEMBERS", "SIEVE_CLUSTER_NAME", "SIEVE_REPLICAS",
        "SIEVE_CLUSTER_TOKEN", "SIEVE_CLUSTER_BUS_PORT")) {
      builder.environment().remove(key);
    }
    builder.environment().putAll(env);
    ChildServer child = new ChildServer(builder.start());
    child.ownDataDir = own;
    return child;
  }

  /** Waits for the "listening" line and returns the port; then echoes the rest of the output. */
  public int awaitPort() throws IOException {
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
  public void awaitReady() {
    http().awaitReady();
  }

  /** A client for the child (once {@link #awaitPort} has been called). */
  public HttpTestClient http() {
    if (port < 0) {
      throw new IllegalStateException("awaitPort first");
    }
    return new HttpTestClient(port);
  }

  /**
   * As {@link #start(List, List, Map, String...)}, then waits for the port and for {@code /ready}
   * (a child that fails to get there is stopped).
   */
  public static ChildServer ready(List<String> jvmOptions, List<String> withoutFlags, String... args) throws IOException {
    ChildServer child = start(jvmOptions, withoutFlags, Map.of(), args);
    try {
      child.awaitPort();
      child.awaitReady();
      return child;
    } catch (RuntimeException | IOException e) {
      child.close();
      throw e;
    }
  }

  /**
   * Sends the child SIGTERM, as Docker and Kubernetes stop a container, and goes on reading its
   * output ({@code Process.destroy()} would close the streams: the lines of the stop would be lost).
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** Kills the child with SIGKILL (no shutdown hook runs) and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(ownDataDir);
  }

  /** Deletes {@code dir} and everything in it (null, or missing: nothing); a temporary directory left is left to the OS. */
  public static void deleteTree(Path dir) {
    if (dir == null || !java.nio.file.Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left for the OS to clean
    }
  }
}
