package dev.sieve.grpc;

import dev.sieve.api.FuzzyPage;
import dev.sieve.api.MatchPage;
import dev.sieve.api.MemoryOverview;
import dev.sieve.api.NumberPage;
import dev.sieve.api.Operations;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetPart;
import dev.sieve.api.WordPage;
import dev.sieve.ingest.LoadReport;
import dev.sieve.proto.FuzzyMatch;
import dev.sieve.proto.FuzzyResponse;
import dev.sieve.proto.FuzzyResult;
import dev.sieve.proto.Kind;
import dev.sieve.proto.MatchResponse;
import dev.sieve.proto.LoadSummary;
import dev.sieve.proto.MemoryBreakdown;
import dev.sieve.proto.MemoryPart;
import dev.sieve.proto.MemoryReport;
import dev.sieve.proto.PrefixResponse;
import dev.sieve.proto.RangeResponse;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SetStats;
import dev.sieve.registry.SetKind;
import dev.sieve.words.WordMatch;
import dev.sieve.delta.LevelFigures;
import dev.sieve.memory.LoadBudget;
import dev.sieve.proto.Compactions;
import dev.sieve.proto.DeltaLevel;
import dev.sieve.proto.JournalFigures;
import dev.sieve.proto.LoadMemory;
import dev.sieve.proto.SetDelta;
import dev.sieve.proto.Storage;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.CompactionStats;
import dev.sieve.registry.SetStore;
import java.util.List;

/** The messages of the answers, from the face-neutral results of {@code dev.sieve.api}. */
final class Replies {
  private Replies() {}

  static Kind kind(SetKind kind) {
    return kind == SetKind.WORDS ? Kind.WORDS : Kind.NUMBERS;
  }

  static SetStats stats(SetFigures f) {
    SetStats.Builder b = SetStats.newBuilder()
        .setSet(SetRef.newBuilder().setKind(kind(f.kind())).setName(f.name()))
        .setCount(f.count())
        .setBytes(f.bytes())
        .setBytesPerElement(f.bytesPerElement())
        .setBaselineBytes(f.baselineBytes())
        .setVersion(f.version().version())
        .setLoadedAt(f.version().loadedAt().toString())
        .setDelta(delta(f))
        .setMappedBytes(f.mappedBytes());
    if (f.type() != null) {
      b.setType(f.type());
    }
    return b.build();
  }

  static FuzzyResponse fuzzy(List<FuzzyPage> pages) {
    FuzzyResponse.Builder b = FuzzyResponse.newBuilder();
    for (FuzzyPage page : pages) {
      FuzzyResult.Builder r = FuzzyResult.newBuilder()
          .setWord(page.word())
          .setDistance(page.distance())
          .setCount(page.count());
      for (WordMatch m : page.matches()) {
        r.addMatches(FuzzyMatch.newBuilder().setWord(m.word()).setDistance(m.distance()));
      }
      if (page.next() != null) {
        r.setNext(page.next());
      }
      b.addResults(r);
    }
    return b.build();
  }

  static MatchResponse match(MatchPage page) {
    MatchResponse.Builder b = MatchResponse.newBuilder()
        .setPattern(page.pattern())
        .setCount(page.count())
        .addAllWords(page.words());
    if (page.next() != null) {
      b.setNext(page.next());
    }
    return b.build();
  }

  static PrefixResponse prefix(WordPage page) {
    PrefixResponse.Builder b = PrefixResponse.newBuilder()
        .setPrefix(page.prefix())
        .setCount(page.count())
        .addAllWords(page.words());
    if (page.next() != null) {
      b.setNext(page.next());
    }
    return b.build();
  }

  static RangeResponse range(NumberPage page) {
    RangeResponse.Builder b = RangeResponse.newBuilder().setCount(page.count());
    for (long n : page.numbers()) {
      b.addNumbers(n);
    }
    if (page.next() != null) {
      b.setNext(page.next());
    }
    return b.build();
  }

  static LoadSummary load(Operations.LoadAnswer answer) {
    SetFigures f = answer.figures();
    LoadReport report = answer.report();
    LoadSummary.Builder b = LoadSummary.newBuilder()
        .setName(f.name())
        .setKind(kind(f.kind()))
        .setCount(f.count())
        .setBytes(f.bytes())
        .setVersion(f.version().version())
        .setSkipped(report.skipped())
        .setElapsedMs(answer.elapsedMs());
    for (long line : report.firstSkippedLines()) {
      b.addFirstSkippedLines(line);
    }
    return b.build();
  }

  static MemoryBreakdown breakdown(dev.sieve.api.MemoryBreakdown breakdown) {
    MemoryBreakdown.Builder b = MemoryBreakdown.newBuilder().setSet(stats(breakdown.figures()));
    for (SetPart part : breakdown.parts()) {
      MemoryPart.Builder p = MemoryPart.newBuilder().setPart(part.name()).setBytes(part.bytes());
      if (part.count() >= 0) {
        p.setCount(part.count()).setValues(part.values());
      }
      b.addParts(p);
    }
    return b.build();
  }

  /**
   * {@code GET /v1/cluster}'s description ({@code Operations.clusterState}: null on a single node)
   * as the gRPC reply: the same figures by construction.
   */
  static dev.sieve.proto.ClusterState cluster(io.vertx.core.json.JsonObject state) {
    dev.sieve.proto.ClusterState.Builder b = dev.sieve.proto.ClusterState.newBuilder();
    if (state == null) {
      return b.setEnabled(false).build();
    }
    b.setEnabled(true).setNode(state.getString("node", "")).setName(state.getString("name", ""))
        .setReplicas(state.getInteger("replicas", 0)).setQuorum(state.getInteger("quorum", 0))
        .setHeldBytes(state.getLong("heldBytes", 0L));
    for (Object o : state.getJsonArray("members")) {
      io.vertx.core.json.JsonObject m = (io.vertx.core.json.JsonObject) o;
      b.addMembers(dev.sieve.proto.ClusterMember.newBuilder().setId(m.getString("id"))
          .setAddress(m.getString("address") == null ? "" : m.getString("address")).setAlive(m.getBoolean("alive"))
          .setShardBytes(m.getLong("shardBytes", 0L)));
    }
    for (Object o : state.getJsonArray("sets")) {
      io.vertx.core.json.JsonObject set = (io.vertx.core.json.JsonObject) o;
      dev.sieve.proto.ClusterSet.Builder sb = dev.sieve.proto.ClusterSet.newBuilder()
          .setKind(dev.sieve.registry.SetKind.fromWireName(set.getString("kind")) == dev.sieve.registry.SetKind.WORDS
              ? dev.sieve.proto.Kind.WORDS : dev.sieve.proto.Kind.NUMBERS)
          .setName(set.getString("name")).setVersion(set.getLong("version")).setCount(set.getLong("count"))
          .setBytes(set.getLong("bytes")).setCopyBytes(set.getLong("copyBytes", 0L));
      for (Object so : set.getJsonArray("shards")) {
        io.vertx.core.json.JsonObject sh = (io.vertx.core.json.JsonObject) so;
        dev.sieve.proto.ClusterShard.Builder shard = dev.sieve.proto.ClusterShard.newBuilder()
            .setIndex(sh.getInteger("index")).setStart(sh.getString("from")).setHasEnd(sh.getString("to") != null)
            .setEnd(sh.getString("to") == null ? "" : sh.getString("to")).setVersion(sh.getLong("version"))
            .setCount(sh.getLong("count")).setBytes(sh.getLong("bytes")).setChecksum(sh.getString("checksum"));
        sh.getJsonArray("owners").forEach(owner -> shard.addOwners((String) owner));
        sb.addShards(shard);
      }
      b.addSets(sb);
    }
    return b.build();
  }

  /** As {@code "delta"} in the HTTP face's set figures. */
  private static SetDelta delta(SetFigures f) {
    SetDelta.Builder b = SetDelta.newBuilder()
        .setUpdates(f.version().updates())
        .setAdded(f.deltaAdded())
        .setRemoved(f.deltaRemoved())
        .setBytes(f.deltaBytes())
        .setJournalBytes(f.version().journalBytes());
    for (LevelFigures l : f.deltaLevels()) {
      b.addLevels(DeltaLevel.newBuilder().setElements(l.elements()).setBytes(l.bytes()).setSealed(l.sealed()));
    }
    return b.build();
  }

  static MemoryReport memory(MemoryOverview report) {
    SetStore.StorageBytes s = report.storage();
    var journal = s.journal(); // the store's figures, read here by name only
    LoadBudget budget = report.loadMemory();
    MemoryReport.Builder b = MemoryReport.newBuilder()
        .setHeapUsed(report.jvm().heapUsed())
        .setHeapCommitted(report.jvm().heapCommitted())
        .setHeapMax(report.jvm().heapMax())
        .setDirect(report.jvm().direct())
        .setMapped(report.jvm().mapped())
        .setRssBytes(report.rssBytes())
        .setNonHeapCommitted(report.nonHeapCommitted())
        .setAccountedBytes(report.accountedBytes())
        .setStorage(Storage.newBuilder()
            .setDurable(report.durable())
            .setCatalogOffHeapBytes(s.catalogOffHeap())
            .setCatalogFileBytes(s.catalogFile())
            .setJournal(JournalFigures.newBuilder().setFileBytes(journal.fileBytes()).setRecordBytes(journal.bytes())
                .setRecords(journal.records())
                .setSegments(journal.segments()).setFsyncs(journal.fsyncs()).setFsync(journal.policy().flag()))
            .setSnapshotFiles(s.snapshotFiles())
            .setSnapshotBytes(s.snapshotBytes()))
        .setLoadMemory(LoadMemory.newBuilder().setLimit(budget.limit()).setReserved(budget.reserved())
            .setReservations(budget.openReservations()).setRefusedBusy(budget.refusedBusy())
            .setRefusedTooLarge(budget.refusedTooLarge()));
    for (MemoryOverview.Structure structure : report.structures()) {
      b.addStructures(stats(structure.figures()).toBuilder().setSnapshotBytes(structure.snapshotBytes()));
    }
    for (SetKind kind : SetKind.values()) {
      for (CompactionPolicy.Action action : List.of(CompactionPolicy.Action.FOLD, CompactionPolicy.Action.MERGE)) {
        CompactionStats.Tally t = report.compactions().of(kind, action);
        b.addCompactions(Compactions.newBuilder().setKind(kind(kind)).setAction(action.label()).setCount(t.count())
            .setSeconds(t.nanos() / 1e9).setMaxSeconds(t.maxNanos() / 1e9).setBytes(t.bytes()));
      }
    }
    return b.build();
  }
}
