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
        .setLoadedAt(f.version().loadedAt().toString());
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

  static MemoryReport memory(MemoryOverview report) {
    MemoryReport.Builder b = MemoryReport.newBuilder()
        .setHeapUsed(report.jvm().heapUsed())
        .setHeapCommitted(report.jvm().heapCommitted())
        .setHeapMax(report.jvm().heapMax())
        .setDirect(report.jvm().direct())
        .setMapped(report.jvm().mapped())
        .setRssBytes(report.rssBytes());
    for (SetFigures f : report.structures()) {
      b.addStructures(stats(f));
    }
    return b.build();
  }
}
