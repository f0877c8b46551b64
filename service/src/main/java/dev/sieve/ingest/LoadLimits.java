package dev.sieve.ingest;

/**
 * Limits of one load: the most bytes a body may have (after gzip decoding, so a small compressed
 * body cannot inflate without bound) and the most bytes one line may have (without its line end).
 */
public record LoadLimits(long maxBodyBytes, int maxLineBytes) {
  public LoadLimits {
    if (maxBodyBytes <= 0 || maxLineBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
