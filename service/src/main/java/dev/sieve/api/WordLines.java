package dev.sieve.api;

import dev.sieve.words.WordCursor;
import dev.sieve.words.WordDelta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A word set's export: every word as a line ({@code word\n}, UTF-8) in byte order, pieces of
 * about {@code pieceBytes}, optionally as one gzip stream cut into pieces. Reads one immutable
 * version, so a set replaced or updated meanwhile does not show through. A base without a delta
 * is walked by a {@link WordCursor} straight from the trie's bytes; with a delta, pages of the
 * merged view ({@link WordDelta#list}) follow each other by cursor. Not thread-safe (an
 * {@link ExportSource}).
 */
final class WordLines implements ExportSource {
  /** Words a page of the merged view holds (a delta is small, a page is one seek into the base). */
  static final int PAGE_WORDS = 4096;

  private final WordDelta set;
  private final int pieceBytes;
  private final ByteArrayOutputStream piece;
  private final OutputStream out;
  private final GZIPOutputStream gzip;
  private final WordCursor cursor;
  private List<String> page = List.of();
  private int inPage;
  private boolean wordsDone;
  private boolean closed;

  WordLines(WordDelta set, int pieceBytes, boolean gzipped) throws IOException {
    this.set = set;
    this.pieceBytes = pieceBytes;
    this.piece = new ByteArrayOutputStream(pieceBytes + 1024);
    this.gzip = gzipped ? new GZIPOutputStream(piece, 64 << 10) : null;
    this.out = gzipped ? gzip : piece;
    this.cursor = set.isEmpty() ? set.base().cursor() : null;
  }

  @Override
  public byte[] next() throws IOException {
    while (!closed) {
      if (!wordsDone) {
        fill();
      }
      if (wordsDone && !closed) {
        if (gzip != null) {
          gzip.finish(); // the trailer: CRC32 and length of all the lines
        }
        closed = true;
      }
      if (piece.size() > 0 && (piece.size() >= pieceBytes || closed)) {
        byte[] bytes = piece.toByteArray();
        piece.reset();
        return bytes;
      }
    }
    return null;
  }

  /** Writes words until the piece is full (compressed bytes, when gzipped) or none are left. */
  private void fill() throws IOException {
    while (piece.size() < pieceBytes) {
      if (cursor != null) {
        if (!cursor.next()) {
          wordsDone = true;
          return;
        }
        out.write(cursor.bytes(), 0, cursor.length());
      } else {
        String word = nextOfPages();
        if (word == null) {
          wordsDone = true;
          return;
        }
        out.write(word.getBytes(StandardCharsets.UTF_8));
      }
      out.write('\n');
    }
  }

  /**
   * The next word of the merged view, a page fetched when the last one is used up; null at the
   * end (and not called again: {@link #wordsDone}).
   */
  private String nextOfPages() {
    if (inPage == page.size()) {
      page = set.list("", page.isEmpty() ? null : page.get(page.size() - 1), PAGE_WORDS);
      inPage = 0;
      if (page.isEmpty()) {
        return null;
      }
    }
    return page.get(inPage++);
  }
}
