package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal in {@code /metrics} and {@code /v1/memory}: files, records, segments, syncs, group sizes, sync time, policy. */
class JournalFiguresTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension().durable();

  @Test
  void updatesShowInTheJournalsFigures() throws java.io.IOException {
    assertEquals(200, server.http().put("/v1/words/w", "base\n").status());
    // concurrent updates: some share a sync
    CompletableFuture.allOf(IntStream.range(0, 16).mapToObj(i -> CompletableFuture.runAsync(() ->
        assertEquals(200, server.http().post("/v1/words/w/add", "word" + i + "\n").status()))).toArray(CompletableFuture[]::new))
        .join();

    String text = server.http().get("/metrics").body();
    double syncs = MetricsTest.value(text, "sieve_journal_fsyncs_total");
    assertTrue(syncs >= 1 && syncs <= 16, text);
    assertEquals(16, MetricsTest.value(text, "sieve_journal_records"));
    assertEquals(1, MetricsTest.value(text, "sieve_journal_segments"));
    assertTrue(MetricsTest.value(text, "sieve_journal_bytes") > 16 * 20, text);
    assertEquals(1, MetricsTest.value(text, "sieve_journal_fsync_policy{policy=\"always\"}"));
    assertEquals(16, MetricsTest.value(text, "sieve_journal_sync_group_records_sum"));
    assertEquals(syncs, MetricsTest.value(text, "sieve_journal_sync_group_records_count"));
    assertEquals(syncs, MetricsTest.value(text, "sieve_journal_sync_seconds_bucket{le=\"+Inf\"}"));

    JsonObject journal = new JsonObject(server.http().get("/v1/memory").body()).getJsonObject("storage").getJsonObject("journal");
    assertEquals(16, journal.getLong("records"));
    assertEquals(1, journal.getLong("segments"));
    assertEquals("always", journal.getString("fsync"));
    assertEquals(syncs, (double) journal.getLong("fsyncs"));
    assertEquals(MetricsTest.value(text, "sieve_journal_bytes"), (double) journal.getLong("fileBytes"));
    assertEquals(MetricsTest.value(text, "sieve_journal_content_bytes"), (double) journal.getLong("recordBytes"));
    // on disk: the records and the zeros written ahead of them, to the next MiB
    long onDisk = 0;
    try (var files = java.nio.file.Files.list(server.dataDir().resolve("journal"))) {
      for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) files::iterator) {
        onDisk += java.nio.file.Files.size(p);
      }
    }
    assertEquals(onDisk, journal.getLong("fileBytes"));
    assertTrue(journal.getLong("recordBytes") > 16 * 20 && journal.getLong("recordBytes") < journal.getLong("fileBytes"), journal.encode());
  }
}
