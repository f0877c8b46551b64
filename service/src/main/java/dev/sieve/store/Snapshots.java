package dev.sieve.store;

import dev.sieve.numbers.InvalidNumberException;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.words.WordSet;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The snapshot files of frozen sets, one file per set version, in {@link SnapshotFiles}: word sets
 * in the trie's own checksummed format ({@code .trie}, mapped and read in place),
 * number sets in Roaring's portable format ({@code .roaring}, readable by CRoaring, Go and Python
 * Roaring; mapped and read in place; its CRC32C is kept in the catalog since the format has none).
 *
 * <p>File names never contain a set name as such (names may be {@code .} or {@code ..}):
 * {@code KIND-HEXNAME-VERSION.EXT}, the name as hex of its UTF-8 bytes. Blocking I/O; thread-safe
 * as long as one file is written by one thread.
 */
public final class Snapshots {
  public static final String WORDS = "words";
  public static final String NUMBERS = "numbers";

  private final SnapshotFiles files;

  public Snapshots(Path dir) throws IOException {
    this.files = new SnapshotFiles(dir);
  }

  /** A snapshot written: its file name, size in bytes and CRC32C. */
  public record Written(String file, long bytes, int checksum) {}

  /** A snapshot file name taken apart. */
  public record FileName(String kind, String name, long version) {}

  public Path dir() {
    return files.dir();
  }

  /**
   * The file name of version {@code version} of set {@code name} of {@code kind}. The switch on
   * kind stays here, not in the registry's {@code SetFamily}: a file's tag and extension are the
   * data directory's layout, which is the store's (as its two formats are: {@link #writeWords},
   * {@link #writeNumbers}), pinned by the golden files; the registry only passes the tag.
   */
  public static String fileName(String kind, String name, long version) {
    String ext = switch (kind) {
      case WORDS -> ".trie";
      case NUMBERS -> ".roaring";
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
    return kind + "-" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8)) + "-" + version + ext;
  }

  /** The parts of a snapshot file name, or null if {@code file} is not one. */
  public static FileName parse(String file) {
    String[] parts = file.split("[-.]");
    if (parts.length != 4) {
      return null;
    }
    try {
      String name = new String(HexFormat.of().parseHex(parts[1]), StandardCharsets.UTF_8);
      String kind = parts[0];
      long version = Long.parseLong(parts[2]);
      return fileName(kind, name, version).equals(file) ? new FileName(kind, name, version) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Writes {@code set} durably (temp file, fsync, rename). */
  public Written writeWords(String name, long version, WordSet set) throws IOException {
    return write(fileName(WORDS, name, version), set::writeTo);
  }

  /** Writes {@code set} durably (temp file, fsync, rename). */
  public Written writeNumbers(String name, long version, NumberSet set) throws IOException {
    return write(fileName(NUMBERS, name, version), out -> NumberSetFormat.write(set, out));
  }

  private Written write(String file, SnapshotFiles.Writer writer) throws IOException {
    CRC32C crc = new CRC32C();
    long bytes = files.write(file, out -> {
      CheckedOutputStream checked = new CheckedOutputStream(out, crc);
      writer.writeTo(checked);
      checked.flush();
    });
    return new Written(file, bytes, (int) crc.getValue());
  }

  /**
   * Reads a word set back from its mapped file, in place ({@link WordSet#readInPlace(WordSet.Mapper, long)}:
   * the set reads the mappings, one per GiB of trie, so a trie past 2^31 bytes is read in place too;
   * nothing of the trie is copied to the heap, no rebuild): the trie format's own CRC32C is checked
   * by streaming over the mappings, and the header with the offsets it names; the graph walk is
   * skipped, since the checksum proves these are the bytes this service wrote from a valid set,
   * and so is the pass that counts bytes by role until a memory breakdown asks for them. The file may be
   * deleted later (a compaction replacing it): the mappings stay valid.
   *
   * @throws IOException if the file is missing, truncated or corrupt
   */
  public WordSet readWords(String file) throws IOException {
    try (FileChannel ch = files.open(file)) {
      // checksummed by reads, not through the mapping: a restart does not make the file resident
      return WordSet.readInPlace(WordSet.Mapper.ofChannel(ch), ch.size());
    }
  }

  /**
   * A mapped number snapshot, the CRC32C of its bytes and, if asked for, the set decoded from them
   * before their checksum could be compared with the catalog's (null if they did not decode).
   */
  public record NumberFile(String file, MappedByteBuffer bytes, int checksum, NumberSet early) {
    public long size() {
      return bytes.capacity();
    }
  }

  /**
   * Maps a number snapshot and computes its CRC32C (a few ms for tens of MB). With {@code decode},
   * also lays a set over the mapping at once ({@link NumberSetFormat#map}: the buckets read the
   * file in place), to be used only if {@link #decodeNumbers} then finds the checksum right.
   */
  public NumberFile mapNumbers(String file, boolean decode) throws IOException {
    MappedByteBuffer buf = files.map(file);
    CRC32C crc = new CRC32C();
    crc.update(buf.duplicate());
    NumberSet early = null;
    if (decode) {
      try {
        early = NumberSetFormat.map(buf);
      } catch (RuntimeException e) {
        // damaged: decodeNumbers reports it, by its checksum or by a validating read
      }
    }
    return new NumberFile(file, buf, (int) crc.getValue(), early);
  }

  /**
   * The set of a mapped number snapshot once its size and CRC32C match the catalog's: then it
   * reads the mapping in place ({@code ImmutableRoaringBitmap}s: nothing copied, no rebuild). A
   * catalog entry without a checksum (0) gets a validating read into the heap instead.
   *
   * @throws IOException if the size or checksum differ, or the bytes are not a valid bitmap
   */
  public static NumberSet decodeNumbers(NumberFile f, long bytes, int checksum) throws IOException {
    if (f.size() != bytes || (checksum != 0 && f.checksum() != checksum)) {
      throw new IOException(String.format("size %d, CRC32C 0x%08x; the catalog says size %d, CRC32C 0x%08x",
          f.size(), f.checksum(), bytes, checksum));
    }
    if (checksum != 0 && f.early() != null) {
      return f.early();
    }
    try {
      return checksum != 0 ? NumberSetFormat.map(f.bytes()) : NumberSetFormat.read(f.bytes().duplicate());
    } catch (InvalidNumberException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Every snapshot file in the directory (other files are ignored). */
  public List<String> list() throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(files.dir())) {
      for (Path p : dir) {
        String f = p.getFileName().toString();
        if (parse(f) != null) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** Deletes {@code file} if present (durably). */
  public void delete(String file) throws IOException {
    files.delete(file);
  }

  /** Bytes of {@code file}, 0 if absent. */
  public long size(String file) throws IOException {
    return files.size(file);
  }

}
