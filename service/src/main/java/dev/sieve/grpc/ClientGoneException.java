package dev.sieve.grpc;

/** The client cancelled the call or went away: the call ends without an answer. */
final class ClientGoneException extends RuntimeException {
  ClientGoneException(String why) {
    super(why, null, false, false);
  }
}
