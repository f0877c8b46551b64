package dev.sieve.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real word list, read once from {@code /usr/share/dict}, held as distinct UTF-8 byte strings in
 * unsigned byte order (the order of {@code WordSet} and Lucene's {@code BytesRef}) and as the same
 * words decoded to {@code String}s.
 *
 * <p>Names: {@code french} (Debian's {@code wfrench}) and {@code american-insane}
 * ({@code wamerican-insane}). A path can be overridden with {@code -Dsieve.dict.NAME=/some/file}.
 * A missing file fails with a message saying which package installs it.
 */
final class WordList {
  private static final Map<String, String[]> KNOWN =
      Map.of(
          "french", new String[] {"/usr/share/dict/french", "wfrench"},
          "american-insane",
              new String[] {"/usr/share/dict/american-english-insane", "wamerican-insane"});

  final String name;
  final Path path;
  /** Distinct words, UTF-8, ascending unsigned byte order. */
  final byte[][] sortedUtf8;
  /** The same words as Strings, same order. */
  final String[] sorted;
  /** Bytes of the file as read (with line ends). */
  final long fileBytes;

  private WordList(String name, Path path, byte[][] sortedUtf8, long fileBytes) {
    this.name = name;
    this.path = path;
    this.sortedUtf8 = sortedUtf8;
    this.fileBytes = fileBytes;
    this.sorted = new String[sortedUtf8.length];
    for (int i = 0; i < sortedUtf8.length; i++) {
      sorted[i] = new String(sortedUtf8[i], StandardCharsets.UTF_8);
    }
  }

  int size() {
    return sorted.length;
  }

  /**
   * Loads a list by name; throws {@link IllegalStateException} if the file is not installed.
   * Besides the known names: {@code file:PATH} (any file, one word a line) and
   * {@code usernames:N} ({@link UsernameList}, generated with its fixed seed).
   */
  static WordList load(String name) {
    if (name.startsWith("file:")) {
      Path path = Path.of(name.substring(5));
      try {
        byte[] all = Files.readAllBytes(path);
        return new WordList(path.getFileName().toString(), path, splitSortDistinct(all), all.length);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read word list " + path + ": " + e, e);
      }
    }
    if (name.startsWith("usernames:")) {
      int n = Integer.parseInt(name.substring(10));
      byte[] all = UsernameList.generate(n);
      return new WordList("usernames-" + n, Path.of("(generated)"), splitSortDistinct(all), all.length);
    }
    String[] known = KNOWN.get(name);
    if (known == null) {
      throw new IllegalArgumentException(
          "unknown word list '" + name + "'; known: " + KNOWN.keySet());
    }
    Path path = Path.of(System.getProperty("sieve.dict." + name, known[0]));
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "word list '" + name + "' not found at " + path + ": install Debian's " + known[1]
              + " (apt-get install " + known[1] + ") or pass -Dsieve.dict." + name + "=FILE");
    }
    try {
      byte[] all = Files.readAllBytes(path);
      return new WordList(name, path, splitSortDistinct(all), all.length);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read word list " + path + ": " + e, e);
    }
  }

  /** Lines (LF or CRLF, empty ones skipped), sorted unsigned, duplicates removed. */
  private static byte[][] splitSortDistinct(byte[] all) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        int end = i;
        if (end > start && all[end - 1] == '\r') {
          end--;
        }
        if (end > start) {
          lines.add(Arrays.copyOfRange(all, start, end));
        }
        start = i + 1;
      }
    }
    byte[][] a = lines.toArray(new byte[0][]);
    Arrays.sort(a, Arrays::compareUnsigned);
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (n == 0 || !Arrays.equals(a[n - 1], a[i])) {
        a[n++] = a[i];
      }
    }
    return Arrays.copyOf(a, n);
  }
}
