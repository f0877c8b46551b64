package dev.sieve.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The design's arrows (faces → api → registry → store / ingest → structures), read off the
 * sources: a face (HTTP, gRPC, CLI) decodes, calls {@link Operations}, encodes. It imports nothing
 * of storage or of the cluster, and of the structures only the records a result is made of, so
 * a face can neither take a path of its own around the core nor read a set behind its back.
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/sieve");
  private static final List<String> FACES = List.of("http", "grpc", "cli");
  /** Packages no face may import from. */
  private static final List<String> BEHIND_THE_CORE = List.of("store", "cluster", "words", "numbers", "delta");
  /** The structures' result records a face may encode: a fuzzy match, a delta level's figures. */
  private static final Set<String> RESULT_RECORDS = Set.of("dev.sieve.words.WordMatch", "dev.sieve.delta.LevelFigures");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.sieve\\.(\\w+)\\.[\\w.]+);", Pattern.MULTILINE);

  @Test
  void facesImportNeitherStorageNorClusterNorStructures() throws IOException {
    List<String> crossings = new ArrayList<>();
    int files = 0;
    for (String face : FACES) {
      try (Stream<Path> sources = Files.walk(SOURCES.resolve(face))) {
        for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          Matcher m = IMPORT.matcher(Files.readString(source));
          while (m.find()) {
            if (BEHIND_THE_CORE.contains(m.group(2)) && !RESULT_RECORDS.contains(m.group(1))) {
              crossings.add(SOURCES.relativize(source) + " imports " + m.group(1));
            }
          }
        }
      }
    }
    assertTrue(files > 20, "read the faces' sources: " + files + " files");
    assertEquals(List.of(), crossings);
  }

  @Test
  void theCheckSeesAnImportOfTheStore() {
    Matcher m = IMPORT.matcher("package dev.sieve.http;\nimport dev.sieve.store.JournalBatch;\n");
    assertTrue(m.find());
    assertEquals("store", m.group(2));
  }
}
