package dev.sieve.numbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NumberLineParserTest {
  private static long[] parse(String line) {
    NumberSetBuilder builder = new NumberSetBuilder();
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    NumberLineParser.parseInto(bytes, 0, bytes.length, builder);
    return builder.build().list(0, Long.MAX_VALUE, 100);
  }

  @Test
  void naturalsAndRanges() {
    assertArrayEquals(new long[] {0}, parse("0"));
    assertArrayEquals(new long[] {42}, parse("  42\t"));
    assertArrayEquals(new long[] {7}, parse("007"));
    assertArrayEquals(new long[] {Long.MAX_VALUE}, parse("9223372036854775807"));
    assertArrayEquals(new long[] {3, 4, 5}, parse("3-5"));
    assertArrayEquals(new long[] {3, 4, 5}, parse("3 - 5"));
    assertArrayEquals(new long[] {9}, parse("9-9"));
    assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}, parse("9223372036854775806-9223372036854775807"));
  }

  @Test
  void blankLinesAddNothing() {
    NumberSetBuilder builder = new NumberSetBuilder();
    byte[] blank = "  \t ".getBytes(StandardCharsets.US_ASCII);
    assertFalse(NumberLineParser.parseInto(blank, 0, blank.length, builder));
    assertEquals(0, builder.build().cardinality());
  }

  @Test
  void malformedLinesSayWhy() {
    String[][] cases = {
      {"-1", "expected a natural"}, {"+1", "expected a natural"}, {"1.5", "expected a natural"},
      {"1,2", "expected a natural"}, {"1-", "expected a natural"}, {"-", "expected a natural"},
      {"1-2-3", "expected a natural"}, {"12 34", "expected a natural"}, {"x", "expected a natural"},
      {"9223372036854775808", "out of range"}, {"99999999999999999999", "out of range"},
      {"5-3", "greater than"}, {"0-4294967296", "more than"},
    };
    for (String[] c : cases) {
      InvalidNumberException e = assertThrows(InvalidNumberException.class, () -> parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
  }

  @Test
  void queryNaturals() {
    assertEquals(42, NumberLineParser.parseNatural("42"));
    assertEquals(Long.MAX_VALUE, NumberLineParser.parseNatural("9223372036854775807"));
    for (String bad : new String[] {"", "-1", "1e3", "9223372036854775808", " 1", null}) {
      assertThrows(InvalidNumberException.class, () -> NumberLineParser.parseNatural(bad), String.valueOf(bad));
    }
  }
}
