package dev.sieve.api;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The pieces of an export, produced one at a time on demand. {@link #next} may block (it walks a
 * structure, serializes, compresses): call it on a worker, one call at a time (not thread-safe).
 */
public interface ExportSource {
  /** The next piece (never empty), or null once every piece was given. */
  byte[] next() throws IOException;

  /** A source over pieces made already (a number set's portable bytes). */
  static ExportSource of(List<byte[]> pieces) {
    Iterator<byte[]> it = pieces.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }
}
