package dev.sieve.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import dev.sieve.ingest.BadInputException;
import dev.sieve.ingest.GzipDecoder;
import dev.sieve.ingest.TooLargeException;
import io.vertx.core.Handler;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.WireFormat;
import io.vertx.grpc.server.StatusException;

/**
 * Decodes the messages of a call here rather than in Vert.x gRPC, whose own decoding inflates a
 * {@code grpc-encoding: gzip} message without checking that the gzip stream is whole (a cut
 * message inflates to a prefix, which may well parse), resets the stream on a message it cannot
 * decode (no status for the client), and never answers a call in an encoding it does not know.
 *
 * <p>Here a compressed message is inflated by the same strict {@link GzipDecoder} as HTTP gzip
 * bodies (at most {@code maxBytes} inflated), then parsed; a message that fails either way fails
 * the call with INVALID_ARGUMENT (RESOURCE_EXHAUSTED if it inflates past the limit), its message
 * starting {@code message N: } (1-based); an encoding other than gzip or identity is UNIMPLEMENTED.
 * A {@code string} field that is not UTF-8 (protobuf strings are UTF-8 by contract) is named:
 * {@code message 1: words[2] is not valid UTF-8} ({@link Utf8Fields}).
 * After a failure, further messages are dropped. Used on one Vert.x context; not thread-safe.
 */
final class StrictMessages<T> implements Handler<GrpcMessage> {
  private final GrpcMessageDecoder<T> decoder;
  private final Descriptor type;
  private final long maxBytes;
  private final Handler<T> onMessage;
  private final Handler<Throwable> onFailure;
  private long count;
  private boolean failed;

  StrictMessages(GrpcMessageDecoder<T> decoder, Descriptor type, long maxBytes, Handler<T> onMessage,
      Handler<Throwable> onFailure) {
    this.decoder = decoder;
    this.type = type;
    this.maxBytes = maxBytes;
    this.onMessage = onMessage;
    this.onFailure = onFailure;
  }

  @Override
  public void handle(GrpcMessage message) {
    if (failed) {
      return;
    }
    count++;
    T decoded;
    try {
      decoded = decode(message, count);
    } catch (RuntimeException e) {
      failed = true;
      onFailure.handle(e);
      return;
    }
    onMessage.handle(decoded);
  }

  private T decode(GrpcMessage message, long index) {
    String encoding = message.encoding();
    GrpcMessage plain = message;
    if ("gzip".equals(encoding)) {
      byte[] inflated;
      try {
        inflated = GzipDecoder.inflate(message.payload().getBytes(), maxBytes);
      } catch (TooLargeException e) {
        throw new TooLargeException("message " + index + ": " + e.getMessage(), 0);
      } catch (BadInputException e) {
        throw new BadInputException("message " + index + ": " + e.getMessage(), 0);
      }
      plain = GrpcMessage.message("identity", message.format(), io.vertx.core.buffer.Buffer.buffer(inflated));
    } else if (!"identity".equals(encoding)) {
      throw new StatusException(GrpcStatus.UNIMPLEMENTED,
          "grpc-encoding " + encoding + " is not supported (use gzip or identity)");
    }
    try {
      return decoder.decode(plain);
    } catch (CodecException e) {
      String field = plain.format() == WireFormat.PROTOBUF ? Utf8Fields.firstInvalid(type, plain.payload().getBytes()) : null;
      if (field != null) {
        throw new BadInputException("message " + index + ": " + field + " is not valid UTF-8", 0);
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BadInputException("message " + index + ": not a valid " + type.getName() + " message ("
          + cause.getMessage() + ")", 0);
    }
  }
}
