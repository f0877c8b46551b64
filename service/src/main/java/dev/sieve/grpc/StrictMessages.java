package dev.sieve.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.StatusException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests decoded by the service rather than by Vert.x, so that a message whose {@code string}
 * field is not UTF-8 (protobuf strings are UTF-8 by contract) ends the call INVALID_ARGUMENT
 * naming the field ({@code words[2] is not valid UTF-8}). protobuf-java refuses such a proto3
 * string while parsing, and Vert.x then only resets the stream (CANCELLED, no message).
 */
final class StrictMessages {
  private StrictMessages() {}

  /**
   * {@code method} with its messages handed over undecoded, in any wire format {@code method}
   * accepts; {@link #parse} decodes them.
   */
  static <Q, A> ServiceMethod<GrpcMessage, A> undecoded(ServiceMethod<Q, A> method) {
    GrpcMessageDecoder<Q> own = method.decoder();
    return ServiceMethod.server(method.serviceName(), method.methodName(), method.encoder(), new GrpcMessageDecoder<>() {
      @Override
      public GrpcMessage decode(GrpcMessage message) {
        return message;
      }

      @Override
      public boolean accepts(io.vertx.grpc.common.WireFormat format) {
        return own.accepts(format);
      }
    });
  }

  /**
   * Decodes {@code message} as one of {@code prototype}'s type: protobuf bytes here, another wire
   * format (JSON) by {@code method}'s own decoder.
   *
   * @throws StatusException INVALID_ARGUMENT naming the first string field that is not UTF-8, or
   *     saying the bytes are not a message of that type
   */
  static <Q extends Message> Q parse(ServiceMethod<Q, ?> method, Q prototype, GrpcMessage message) {
    if (message.format() == io.vertx.grpc.common.WireFormat.PROTOBUF) {
      return parse(prototype, message.payload());
    }
    try {
      return method.decoder().decode(message);
    } catch (CodecException e) {
      throw new StatusException(GrpcStatus.INVALID_ARGUMENT, "not a valid " + prototype.getDescriptorForType().getName()
          + " message: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static <Q extends Message> Q parse(Q prototype, Buffer bytes) {
    byte[] b = bytes.getBytes();
    try {
      return (Q) prototype.getParserForType().parseFrom(b);
    } catch (InvalidProtocolBufferException e) {
      String field = firstInvalidString(prototype.getDescriptorForType(), b);
      throw new StatusException(GrpcStatus.INVALID_ARGUMENT, field != null
          ? field + " is not valid UTF-8"
          : "not a valid " + prototype.getDescriptorForType().getName() + " message: " + e.getMessage());
    }
  }

  /** The path ({@code set.name}, {@code words[3]}) of the first string that is not UTF-8, or null. */
  static String firstInvalidString(Descriptor type, byte[] message) {
    try {
      return walk(type, CodedInputStream.newInstance(message), "");
    } catch (IOException e) {
      return null; // not a message at all: the parser's own message says so
    }
  }

  private static String walk(Descriptor type, CodedInputStream in, String path) throws IOException {
    Map<Integer, Integer> seen = new HashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      boolean text = field != null && field.getType() == FieldDescriptor.Type.STRING;
      boolean nested = field != null && field.getType() == FieldDescriptor.Type.MESSAGE;
      if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED || !(text || nested)) {
        in.skipField(tag);
        continue;
      }
      int index = seen.merge(field.getNumber(), 1, Integer::sum) - 1;
      String at = path + field.getName() + (field.isRepeated() ? "[" + index + "]" : "");
      com.google.protobuf.ByteString value = in.readBytes();
      if (text && !value.isValidUtf8()) {
        return at;
      }
      if (nested) {
        String inner = walk(field.getMessageType(), value.newCodedInput(), at + ".");
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}
