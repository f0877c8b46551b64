package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.registry.SetKind;
import dev.sieve.registry.UpdateOp;
import dev.sieve.store.FsyncPolicy;
import dev.sieve.testing.Golden;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster node's copies on disk ({@link ShardFiles}): the copy file's format pinned by a golden
 * file, updates journaled after a copy's file read back in order (and no longer once a fold wrote
 * the file again), damaged files set aside, never served, a torn journal tail cut, a deleted copy
 * gone with its records, the cluster's life kept.
 */
class ShardFilesTest {
  static final String GOLDEN = "cluster-shard-v1.bin";
  static final ShardFiles.Copy COPY = new ShardFiles.Copy(SetKind.WORDS, "en", 7, null, 3,
      new ShardedSet.Shard(1, "b", "c", List.of(), "0a1b2c3d", 2, 5), 2, 9);
  static final byte[] SNAPSHOT = {1, 2, 3, 4, 5};

  @Test
  void aCopyWrittenIsTheGoldenFileAndReadsBack(@TempDir Path dir) throws IOException {
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals(List.of(), f.found());
      f.write(COPY, SNAPSHOT);
    }
    Golden.assertEncodes(GOLDEN, Files.readAllBytes(dir.resolve("shards").resolve(COPY.file())));
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      List<ShardFiles.Found> found = f.found();
      assertEquals(1, found.size());
      assertEquals(COPY, found.get(0).copy());
      assertEquals(List.of(2L, 9L), List.of(found.get(0).term(), found.get(0).seq()));
      assertArrayEquals(SNAPSHOT, f.snapshot(COPY));
    }
  }

  @Test
  void theGoldenFileReadsAsItsCopy(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("shards"));
    Files.write(dir.resolve("shards").resolve(COPY.file()), Golden.read(GOLDEN));
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals(List.of(COPY), f.found().stream().map(ShardFiles.Found::copy).toList());
      assertArrayEquals(SNAPSHOT, f.snapshot(COPY));
    }
  }

  @Test
  void updatesAfterTheFileComeBackInOrderUntilAFoldWritesItAgain(@TempDir Path dir) throws IOException {
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      f.found();
      f.write(COPY, SNAPSHOT);
      ShardFiles.await(f.append(COPY, UpdateOp.ADD, 2, 10, words("ba", "bb")));
      ShardFiles.await(f.append(COPY, UpdateOp.REMOVE, 2, 11, words("ba")));
      ShardFiles.await(f.append(COPY, UpdateOp.ADD, 3, 12, words("bc")));
    }
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      ShardFiles.Found first = f.found().get(0);
      List<ShardFiles.Update> got = first.updates();
      assertEquals(List.of(
          new ShardFiles.Update(2, 10, UpdateOp.ADD, words("ba", "bb")),
          new ShardFiles.Update(2, 11, UpdateOp.REMOVE, words("ba")),
          new ShardFiles.Update(3, 12, UpdateOp.ADD, words("bc"))), got);
      assertEquals(List.of(3L, 12L), List.of(first.term(), first.seq()));
      // a fold: the file written again at (3, 12), then one more update
      f.write(COPY.at(3, 12), new byte[] {9});
      ShardFiles.await(f.append(COPY, UpdateOp.ADD, 3, 13, words("bd")));
    }
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      ShardFiles.Found found = f.found().get(0);
      assertEquals(List.of(new ShardFiles.Update(3, 13, UpdateOp.ADD, words("bd"))), found.updates());
      assertEquals(List.of(3L, 13L), List.of(found.term(), found.seq()));
      assertArrayEquals(new byte[] {9}, f.snapshot(found.copy()));
    }
  }

  @Test
  void aDamagedCopyIsSetAsideAndNeverOffered(@TempDir Path dir) throws IOException {
    ShardFiles.Copy other = new ShardFiles.Copy(SetKind.NUMBERS, "n", 8, "RoaringBitmap", 1,
        new ShardedSet.Shard(0, "0", null, List.of(), "00000000", 0, 3), 0, 0);
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      f.found();
      f.write(COPY, SNAPSHOT);
      f.write(other, new byte[] {7, 7, 7});
    }
    Path file = dir.resolve("shards").resolve(COPY.file());
    byte[] b = Files.readAllBytes(file);
    b[b.length - 6] ^= 0x10; // a bit of the snapshot
    Files.write(file, b);
    Path truncated = dir.resolve("shards").resolve(other.file());
    byte[] t = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(t, t.length - 1));
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals(List.of(), f.found());
    }
    assertTrue(Files.exists(file.resolveSibling(COPY.file() + ".damaged")));
    assertTrue(Files.exists(truncated.resolveSibling(other.file() + ".damaged")));
  }

  @Test
  void aTornJournalTailLosesOnlyTheUpdateItCut(@TempDir Path dir) throws IOException {
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      f.found();
      f.write(COPY, SNAPSHOT);
      ShardFiles.await(f.append(COPY, UpdateOp.ADD, 2, 10, words("ba")));
      ShardFiles.await(f.append(COPY, UpdateOp.ADD, 2, 11, words("bb")));
    }
    Path segment;
    try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
      segment = s.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    byte[] j = Files.readAllBytes(segment);
    Files.write(segment, java.util.Arrays.copyOf(j, j.length - 3)); // a crash mid-append
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals(List.of(new ShardFiles.Update(2, 10, UpdateOp.ADD, words("ba"))), f.found().get(0).updates());
    }
  }

  @Test
  void aDeletedCopyGoesWithItsRecords(@TempDir Path dir) throws IOException {
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      f.found();
      f.write(COPY, SNAPSHOT);
      ShardFiles.await(f.append(COPY, UpdateOp.ADD, 2, 10, words("ba")));
      f.delete(COPY);
    }
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals(List.of(), f.found());
      // the same copy stored again later starts from its new file, not from the old records
      f.write(COPY.at(4, 20), SNAPSHOT);
    }
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      ShardFiles.Found found = f.found().get(0);
      assertEquals(List.of(), found.updates());
      assertEquals(20, found.seq());
    }
  }

  @Test
  void theLifeJoinedLastIsKept(@TempDir Path dir) throws IOException {
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertNull(f.life());
      f.life("life-1");
      f.life("life-2");
    }
    try (ShardFiles f = ShardFiles.open(dir, FsyncPolicy.ALWAYS)) {
      assertEquals("life-2", f.life());
    }
  }

  private static JsonObject words(String... words) {
    return new JsonObject().put("words", new JsonArray(List.of((Object[]) words)));
  }
}
