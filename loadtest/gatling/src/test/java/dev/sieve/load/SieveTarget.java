package dev.sieve.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What every simulation is pointed at, from system properties, and the feeder data, taken from
 * the server itself before the load starts (never hard-coded):
 *
 * <ul>
 *   <li>{@code sieve.url} (default {@code http://localhost:8080}), {@code sieve.words} and
 *       {@code sieve.numbers}: the sets queried (default {@code en}, {@code primes}, the demo sets);
 *   <li>{@code sieve.rate}: new users per second per scenario (default 50); {@code sieve.seconds}:
 *       how long (default 30);
 *   <li>{@code sieve.p99Ms}: the bound on the 99th percentile response time (default 100 ms);
 *   <li>{@code sieve.seed}: the seed of every random choice (default 42).
 * </ul>
 */
final class SieveTarget {
  static final String URL = System.getProperty("sieve.url", "http://localhost:8080");
  static final String WORDS = System.getProperty("sieve.words", "en");
  static final String NUMBERS = System.getProperty("sieve.numbers", "primes");
  static final double RATE = Double.parseDouble(System.getProperty("sieve.rate", "50"));
  static final int SECONDS = Integer.parseInt(System.getProperty("sieve.seconds", "30"));
  static final int P99_MS = Integer.parseInt(System.getProperty("sieve.p99Ms", "100"));
  static final long SEED = Long.parseLong(System.getProperty("sieve.seed", "42"));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private SieveTarget() {}

  static JsonNode get(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(URL + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + URL + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void delete(String path) {
    try {
      HTTP.send(HttpRequest.newBuilder(URI.create(URL + path)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // cleaning up after the run: a set left behind is harmless
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Words of the word set, up to {@code perLetter} from each prefix a..z (so every part of the
   * trie is visited, not only the first page), in a seeded random order.
   */
  static List<String> memberWords(int perLetter) {
    List<String> words = new ArrayList<>();
    for (char c = 'a'; c <= 'z'; c++) {
      for (JsonNode w : get("/v1/words/" + WORDS + "/prefix?limit=" + perLetter + "&prefix=" + c).get("words")) {
        words.add(w.asText());
      }
    }
    if (words.isEmpty()) {
      throw new IllegalStateException("word set " + WORDS + " has no words starting with a..z");
    }
    Collections.shuffle(words, new Random(SEED));
    return words;
  }

  /** Members of the number set: the first {@code count} from a seeded random start. */
  static List<Long> memberNumbers(int count) {
    JsonNode page = get("/v1/numbers/" + NUMBERS + "/range?limit=" + count);
    List<Long> numbers = new ArrayList<>();
    for (JsonNode n : page.get("numbers")) {
      numbers.add(n.asLong());
    }
    if (numbers.isEmpty()) {
      throw new IllegalStateException("number set " + NUMBERS + " is empty");
    }
    Collections.shuffle(numbers, new Random(SEED));
    return numbers;
  }

  /**
   * Feeder records {@code word}, {@code present}: half members, half near misses (a member with a
   * letter appended that makes it absent, checked against the member list), in seeded random order.
   */
  static List<Map<String, Object>> wordMix(List<String> members) {
    java.util.Set<String> known = new java.util.HashSet<>(members);
    Random random = new Random(SEED);
    List<Map<String, Object>> records = new ArrayList<>();
    for (String word : members) {
      boolean hit = random.nextBoolean();
      String probe = hit ? word : word + "qx";
      if (!hit && known.contains(probe)) {
        continue;
      }
      Map<String, Object> record = new HashMap<>();
      record.put("word", probe);
      record.put("present", hit);
      records.add(record);
    }
    return records;
  }

  /** Feeder records {@code n}, {@code hit}: members and their successors (absent or present: not checked). */
  static List<Map<String, Object>> numberMix(List<Long> members) {
    Random random = new Random(SEED);
    List<Map<String, Object>> records = new ArrayList<>();
    for (long n : members) {
      Map<String, Object> record = new HashMap<>();
      boolean hit = random.nextBoolean();
      record.put("n", hit ? n : n + 1);
      record.put("member", hit);
      records.add(record);
    }
    return records;
  }
}
