package dev.sieve.ingest;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict, incremental gzip (RFC 1952) decoder: feed it compressed chunks, pull inflated bytes
 * out as the consumer wants them. Unlike Netty's HTTP decompressor it checks everything a gzip
 * stream promises: the magic and method, the reserved flag bits, the header CRC ({@code FHCRC}),
 * the deflate data, and each member's CRC32 and ISIZE trailer. Concatenated members (what {@code
 * cat a.gz b.gz} makes) are read as one stream.
 *
 * <p>After the last member, only zero bytes may follow (tape and block padding, which {@code gzip
 * -d} also accepts silently); any other byte that does not start a new member is refused. The
 * stream must end after a whole member: an empty input, or one that ends in a header, in deflate
 * data or in a trailer, is truncated.
 *
 * <p>Failures are {@link BadInputException}s whose message is {@code truncated gzip stream after
 * N bytes} or {@code invalid gzip data at byte N: why}, N counting compressed bytes from the
 * start of the stream (0-based for the offending byte). Pull-based so that one compressed chunk
 * that inflates to gigabytes never sits in memory: {@link #read} fills at most the caller's array.
 * Not thread-safe.
 */
public final class GzipDecoder {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xE0;

  /** Where in the stream the next input byte belongs. */
  private enum State { MAGIC1, MAGIC2, METHOD, FLAGS, FIXED, XLEN, EXTRA, NAME, COMMENT, HCRC, DEFLATE, TRAILER, BETWEEN, PADDING }

  private final Inflater inflater = new Inflater(true);
  private final CRC32 dataCrc = new CRC32();
  private final CRC32 headerCrc = new CRC32();
  private State state = State.MAGIC1;
  private int flags;
  /** Bytes still to read in the current fixed-length field (FIXED, XLEN, EXTRA, HCRC, TRAILER). */
  private int fieldLeft;
  /** The little-endian value being read in XLEN, HCRC or TRAILER (CRC32 then ISIZE), and its next bit. */
  private long field;
  private int shift;
  /** The header's CRC32 up to its FHCRC field. */
  private long headerCrcBeforeHcrc;
  /** Inflated bytes of the current member. */
  private long memberSize;
  /** Offset of the current member's deflate data in the stream. */
  private long deflateStart;

  private byte[] input = new byte[0];
  private int inputPos;
  private int inputEnd;
  /** Compressed bytes before {@code input[0]}. */
  private long inputOffset;

  /**
   * The whole of one gzip stream held in memory (a compressed gRPC message), inflated and checked
   * like a streamed one.
   *
   * @throws BadInputException if {@code gz} is not one whole, valid gzip stream
   * @throws TooLargeException if it inflates to more than {@code maxBytes} bytes
   */
  public static byte[] inflate(byte[] gz, long maxBytes) {
    GzipDecoder decoder = new GzipDecoder();
    try {
      decoder.input(gz, 0, gz.length);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(maxBytes, gz.length * 4L + 64));
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = decoder.read(buffer, 0, buffer.length)) > 0; ) {
        if (out.size() + (long) n > maxBytes) {
          throw new TooLargeException("inflates to more than " + maxBytes + " bytes", 0);
        }
        out.write(buffer, 0, n);
      }
      decoder.end();
      return out.toByteArray();
    } finally {
      decoder.close();
    }
  }

  /** True when every byte given so far has been consumed: give it the next chunk. */
  public boolean needsInput() {
    return inputPos >= inputEnd && (state != State.DEFLATE || inflater.needsInput());
  }

  /** Gives the next compressed chunk; only when {@link #needsInput()}. The array is not copied: do not change it. */
  public void input(byte[] chunk, int offset, int length) {
    if (!needsInput()) {
      throw new IllegalStateException("the previous chunk is not consumed yet");
    }
    inputOffset = consumed();
    input = chunk;
    inputPos = offset;
    inputEnd = offset + length;
    // byte offsets are relative to input[0]: shift so that input[offset] is at inputOffset
    inputOffset -= offset;
    if (state == State.DEFLATE) {
      feedInflater();
    }
  }

  /** Compressed bytes consumed so far. */
  public long consumed() {
    if (state == State.DEFLATE) {
      return deflateStart + inflater.getBytesRead();
    }
    return inputOffset + inputPos;
  }

  /**
   * Inflates into {@code out} from the input given so far: the number of bytes written, or 0 when
   * all input is consumed without producing any (then {@link #needsInput()} is true).
   *
   * @throws BadInputException if the data is not a valid gzip stream
   */
  public int read(byte[] out, int offset, int length) {
    while (true) {
      if (state == State.DEFLATE) {
        int n = inflate(out, offset, length);
        if (n > 0 || state == State.DEFLATE) {
          return n; // output, or the inflater needs more input
        }
        continue; // the member's deflate data ended: on to its trailer
      }
      if (inputPos >= inputEnd) {
        return 0;
      }
      header(input[inputPos++] & 0xFF);
    }
  }

  /**
   * Says the input has ended; checks that the stream ended after a whole member (or its zero
   * padding).
   *
   * @throws BadInputException if it did not
   */
  public void end() {
    if (state != State.BETWEEN && state != State.PADDING) {
      throw truncated();
    }
  }

  /** Frees the inflater's native memory; the decoder cannot be used after. */
  public void close() {
    inflater.end();
  }

  /** One byte outside deflate data: header fields, trailer, what follows a member. */
  private void header(int b) {
    long at = inputOffset + inputPos - 1;
    if (state.ordinal() < State.DEFLATE.ordinal()) {
      headerCrc.update(b);
    }
    switch (state) {
      case MAGIC1 -> {
        expect(b == 0x1f, at, "not a gzip stream (bad magic number)");
        state = State.MAGIC2;
      }
      case MAGIC2 -> {
        expect(b == 0x8b, at, "not a gzip stream (bad magic number)");
        state = State.METHOD;
      }
      case METHOD -> {
        expect(b == 8, at, "unknown compression method " + b + " (only deflate, 8, exists)");
        state = State.FLAGS;
      }
      case FLAGS -> {
        expect((b & RESERVED) == 0, at, "reserved header flags set");
        flags = b;
        state = State.FIXED;
        fieldLeft = 6; // MTIME (4), XFL, OS: not checked
      }
      case FIXED -> {
        if (--fieldLeft == 0) {
          startField(State.XLEN, 2, FEXTRA);
        }
      }
      case XLEN -> {
        if (littleEndian(b)) {
          fieldLeft = (int) field;
          state = State.EXTRA;
          if (fieldLeft == 0) {
            afterExtra();
          }
        }
      }
      case EXTRA -> {
        if (--fieldLeft == 0) {
          afterExtra();
        }
      }
      case NAME -> {
        if (b == 0) {
          afterName();
        }
      }
      case COMMENT -> {
        if (b == 0) {
          afterComment();
        }
      }
      case HCRC -> {
        if (littleEndian(b)) {
          // the header CRC covers the header up to, not including, itself
          expect(field == (headerCrcBeforeHcrc & 0xFFFF), at - 1, "header CRC mismatch");
          startDeflate(at + 1);
        }
      }
      case TRAILER -> {
        if (littleEndian(b)) {
          long crc = field & 0xFFFFFFFFL;
          long isize = field >>> 32;
          expect(crc == dataCrc.getValue(), at - 7, "CRC32 mismatch (the data is damaged)");
          expect(isize == (memberSize & 0xFFFFFFFFL), at - 3,
              "length mismatch (ISIZE " + isize + ", inflated " + memberSize + " bytes)");
          state = State.BETWEEN;
        }
      }
      case BETWEEN -> {
        if (b == 0x1f) {
          beginMember();
          headerCrc.update(b);
          state = State.MAGIC2;
        } else if (b == 0) {
          state = State.PADDING;
        } else {
          throw invalid(at, "trailing data after the gzip stream");
        }
      }
      case PADDING -> expect(b == 0, at, "trailing data after the gzip stream's zero padding");
      default -> throw new IllegalStateException(state.name());
    }
  }

  /** Starts a little-endian field of {@code bytes} in {@code next} if {@code flag} is set, else skips on. */
  private void startField(State next, int bytes, int flag) {
    if ((flags & flag) == 0) {
      if (next == State.XLEN) {
        afterExtra();
      }
      return;
    }
    state = next;
    fieldLeft = bytes;
    field = 0;
    shift = 0;
  }

  /** Adds one byte to the little-endian field; true when it is whole. */
  private boolean littleEndian(int b) {
    field |= (long) b << shift;
    shift += 8;
    return --fieldLeft == 0;
  }

  private void afterExtra() {
    if ((flags & FNAME) != 0) {
      state = State.NAME;
    } else {
      afterName();
    }
  }

  private void afterName() {
    if ((flags & FCOMMENT) != 0) {
      state = State.COMMENT;
    } else {
      afterComment();
    }
  }

  private void afterComment() {
    if ((flags & FHCRC) != 0) {
      headerCrcBeforeHcrc = headerCrc.getValue();
      startField(State.HCRC, 2, FHCRC);
    } else {
      startDeflate(inputOffset + inputPos);
    }
  }

  private void startDeflate(long at) {
    state = State.DEFLATE;
    deflateStart = at;
    inflater.reset();
    dataCrc.reset();
    memberSize = 0;
    feedInflater();
  }

  private void feedInflater() {
    inflater.setInput(input, inputPos, inputEnd - inputPos);
    inputPos = inputEnd; // the inflater holds them now; what it leaves over comes back at the member's end
  }

  private int inflate(byte[] out, int offset, int length) {
    int n;
    try {
      n = inflater.inflate(out, offset, length);
    } catch (DataFormatException e) {
      throw invalid(consumed(), "bad deflate data (" + e.getMessage() + ")");
    }
    if (n > 0) {
      dataCrc.update(out, offset, n);
      memberSize += n;
    }
    if (inflater.finished()) {
      // the bytes the inflater did not use are the trailer and whatever follows
      inputPos = inputEnd - inflater.getRemaining();
      state = State.TRAILER;
      fieldLeft = 8; // CRC32, then ISIZE, little-endian
      field = 0;
      shift = 0;
    } else if (n == 0 && !inflater.needsInput()) {
      // raw deflate never asks for a dictionary; anything else that stalls is damage
      throw invalid(consumed(), "bad deflate data");
    }
    return n;
  }

  private void beginMember() {
    headerCrc.reset();
    flags = 0;
  }

  private static void expect(boolean ok, long at, String why) {
    if (!ok) {
      throw invalid(at, why);
    }
  }

  private static BadInputException invalid(long at, String why) {
    return new BadInputException("invalid gzip data at byte " + at + ": " + why, 0);
  }

  private BadInputException truncated() {
    return new BadInputException("truncated gzip stream after " + consumed() + " bytes", 0);
  }
}
