package dev.sieve.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntsRefBuilder;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.fst.BytesRefFSTEnum;
import org.apache.lucene.util.fst.FST;
import org.apache.lucene.util.fst.FSTCompiler;
import org.apache.lucene.util.fst.NoOutputs;
import org.apache.lucene.util.fst.Util;

/**
 * The peer: Lucene's FST used as a set (an FSA, {@link NoOutputs}), built with Lucene's default
 * compiler settings (32 MB suffix cache, fixed-length arcs allowed), used the way a Lucene user
 * would: {@link Util#get(FST, BytesRef)} for membership, {@link BytesRefFSTEnum} for listing.
 *
 * <p>Queries that take a {@code String} encode it to UTF-8 first, as the trie's {@code String}
 * entry point does, so both pay the same conversion. Thread-safe for queries (each call makes its
 * own readers).
 */
final class FstWordSet {
  private static final NoOutputs OUTPUTS = NoOutputs.getSingleton();

  final FST<Object> fst;
  final long nodes;
  final long arcs;

  private FstWordSet(FST<Object> fst, long nodes, long arcs) {
    this.fst = fst;
    this.nodes = nodes;
    this.arcs = arcs;
  }

  /** Builds from distinct UTF-8 words in ascending unsigned byte order (Lucene's requirement). */
  static FstWordSet build(byte[][] sortedUtf8) {
    try {
      FSTCompiler<Object> compiler =
          new FSTCompiler.Builder<>(FST.INPUT_TYPE.BYTE1, OUTPUTS).build();
      IntsRefBuilder scratch = new IntsRefBuilder();
      BytesRef ref = new BytesRef();
      for (byte[] w : sortedUtf8) {
        ref.bytes = w;
        ref.offset = 0;
        ref.length = w.length;
        compiler.add(Util.toIntsRef(ref, scratch), OUTPUTS.getNoOutput());
      }
      FST<Object> fst = FST.fromFSTReader(compiler.compile(), compiler.getFSTReader());
      return new FstWordSet(fst, compiler.getNodeCount(), compiler.getArcCount());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean contains(String word) {
    return contains(new BytesRef(word));
  }

  boolean contains(BytesRef utf8) {
    try {
      return Util.get(fst, utf8) != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Up to {@code limit} words starting with {@code prefix}, in byte order, decoded to Strings. */
  List<String> list(String prefix, int limit) {
    BytesRef p = new BytesRef(prefix);
    List<String> out = new ArrayList<>(limit);
    try {
      BytesRefFSTEnum<Object> e = new BytesRefFSTEnum<>(fst);
      BytesRefFSTEnum.InputOutput<Object> io = e.seekCeil(p);
      while (io != null && out.size() < limit && StringHelper.startsWith(io.input, p)) {
        out.add(io.input.utf8ToString());
        io = e.next();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out;
  }

  /** Lucene's own accounting of the FST's heap bytes. */
  long ramBytesUsed() {
    return fst.ramBytesUsed();
  }

  /** Bytes written by {@link FST#save(org.apache.lucene.store.DataOutput,
   * org.apache.lucene.store.DataOutput)}: metadata plus body. */
  long serializedBytes() {
    try {
      ByteBuffersDataOutput meta = new ByteBuffersDataOutput();
      ByteBuffersDataOutput body = new ByteBuffersDataOutput();
      fst.save(meta, body);
      return meta.size() + body.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
