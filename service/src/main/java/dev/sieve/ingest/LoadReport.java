package dev.sieve.ingest;

/**
 * What a load read: lines (including empty ones), bytes of body (after gzip decoding), lines skipped
 * as bad under {@link OnError#SKIP}, and the 1-based numbers of the first few of those.
 */
public record LoadReport(long lines, long bytes, long skipped, long[] firstSkippedLines) {
  /** How many skipped line numbers a report keeps. */
  public static final int KEPT_SKIPPED_LINES = 10;
}
