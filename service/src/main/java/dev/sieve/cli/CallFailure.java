package dev.sieve.cli;

/**
 * A call that brought no answer a command can use, with what to tell the user and the exit code:
 * each cause has its own, so a script can tell a typo in the host from a server that is down.
 */
final class CallFailure extends RuntimeException {
  /** Why the call failed; the exit code is the one {@code sieve --help} documents. */
  enum Reason {
    /** The server answered with an error status (4xx, 5xx). */
    SERVER_ERROR(3),
    /** Nothing listens at the address, or the connection broke during the call. */
    UNREACHABLE(4),
    /** The host name does not resolve. */
    UNKNOWN_HOST(5),
    /** Connected (or connecting), but no answer within {@code --timeout}. */
    TIMEOUT(6);

    final int exitCode;

    Reason(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  private final Reason reason;
  private final String body;

  CallFailure(Reason reason, String message, String body, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.body = body;
  }

  Reason reason() {
    return reason;
  }

  int exitCode() {
    return reason.exitCode;
  }

  /** The server's error body as it sent it (JSON, for {@code --json}), or null. */
  String body() {
    return body;
  }
}
