package dev.sieve;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT start an orderly stop instead of the JVM's default exit (status 143, shutdown
 * hooks racing each other): {@code stop} runs once, on a thread of its own, then the process exits
 * with status 0, as a supervisor expects of a clean stop. A second signal while it runs is noted and
 * otherwise ignored (the drain is bounded; Docker and Kubernetes follow with SIGKILL after their
 * grace period anyway). {@code sun.misc.Signal} is the JDK's supported way (module
 * {@code jdk.unsupported}, exported) to handle a signal in Java.
 */
final class StopSignals {
  private StopSignals() {}

  static void install(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    SignalHandler handler = signal -> {
      if (!stopping.compareAndSet(false, true)) {
        System.err.println("sieve: SIG" + signal.getName() + " again: already stopping");
        return;
      }
      Thread t = new Thread(() -> {
        try {
          stop.run();
        } finally {
          System.exit(0);
        }
      }, "sieve-stop");
      t.start();
    };
    Signal.handle(new Signal("TERM"), handler);
    Signal.handle(new Signal("INT"), handler);
  }
}
