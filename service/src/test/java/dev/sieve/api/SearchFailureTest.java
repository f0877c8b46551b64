package dev.sieve.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.words.SearchBudgetException;
import dev.sieve.words.Wildcard;
import org.junit.jupiter.api.Test;

/** How the searches' failures reach the faces: the kinds both map to their codes. */
class SearchFailureTest {
  @Test
  void aSearchOverItsBudgetIsTooLarge() {
    Failure f = Failure.of(new SearchBudgetException(1_000_000));
    assertEquals(Failure.Kind.TOO_LARGE, f.kind()); // HTTP 413, gRPC RESOURCE_EXHAUSTED
    assertTrue(f.message().startsWith("the query needs more than 1000000 trie node visits, its budget: narrow it"), f.message());
  }

  @Test
  void aMalformedPatternIsBadInputNamingThePosition() {
    Failure f = Failure.of(assertThrows(IllegalArgumentException.class, () -> Wildcard.parse("a[b")));
    assertEquals(Failure.Kind.BAD_INPUT, f.kind());
    assertEquals("malformed pattern: the class [ is never closed at code point 2", f.message());
  }

  @Test
  void fuzzyArgumentsAreChecked() {
    assertEquals(new FuzzyQuery(1, false, 0), FuzzyQuery.parse(null, null, null));
    assertEquals(new FuzzyQuery(2, true, 3), FuzzyQuery.parse("2", "true", "3"));
    assertEquals("distance must be 0..2: 3",
        assertThrows(IllegalArgumentException.class, () -> FuzzyQuery.parse("3", null, null)).getMessage());
    assertEquals("distance must be 0..2: 99999999999",
        assertThrows(IllegalArgumentException.class, () -> FuzzyQuery.parse("99999999999", null, null)).getMessage());
    assertEquals("transpositions must be true or false: 1",
        assertThrows(IllegalArgumentException.class, () -> FuzzyQuery.parse(null, "1", null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> FuzzyQuery.parse(null, null, "-1"));
    assertEquals(Integer.MAX_VALUE, FuzzyQuery.parse(null, null, "99999999999").prefix());
  }
}
