package dev.sieve.grpc;

import com.google.protobuf.ByteString;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.proto.RoaringChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A number set in Roaring's portable format ({@link NumberSetFormat}, as HTTP's export), cut into
 * messages of {@value #CHUNK_BYTES} bytes. Runs on a worker: it serializes the whole set.
 */
final class ExportChunks {
  /** Bytes of one message: well under the 4 MiB that gRPC clients accept by default. */
  static final int CHUNK_BYTES = 1 << 20;

  private ExportChunks() {}

  static List<RoaringChunk> of(NumberSet set) {
    List<RoaringChunk> chunks = new ArrayList<>();
    byte[] buffer = new byte[(int) Math.min(CHUNK_BYTES, Math.max(16, NumberSetFormat.serializedSize(set)))];
    OutputStream out = new OutputStream() {
      int used;

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        while (len > 0) {
          int n = Math.min(len, buffer.length - used);
          System.arraycopy(b, off, buffer, used, n);
          used += n;
          off += n;
          len -= n;
          if (used == buffer.length) {
            flush();
          }
        }
      }

      @Override
      public void flush() {
        if (used > 0) {
          chunks.add(RoaringChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, used)).build());
          used = 0;
        }
      }
    };
    try {
      NumberSetFormat.write(set, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return chunks;
  }
}
