package dev.sieve.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the {@code string} field of an encoded message that is not UTF-8. protobuf-java refuses
 * such a proto3 string while parsing, with a message that names no field; this walk names it
 * ({@code set.name}, {@code words[3]}) so the client learns what to fix.
 */
final class Utf8Fields {
  private Utf8Fields() {}

  /** The path of the first string field of {@code message} (of {@code type}) that is not UTF-8, or null. */
  static String firstInvalid(Descriptor type, byte[] message) {
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
      ByteString value = in.readBytes();
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
