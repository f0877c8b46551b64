package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetRegistryTest {
  @Test
  void replaceSwapsWholeVersionsWithIncreasingNumbers() {
    Registry registry = new Registry();
    assertFalse(registry.isReady());
    SetRegistry<NumberDelta> numbers = registry.numbers();
    assertTrue(numbers.get("a").isEmpty());
    SetVersion<NumberDelta> v1 = numbers.replace("a", NumberDelta.of(NumberSet.of(1, 2)), 10);
    SetVersion<NumberDelta> v2 = numbers.replace("b", NumberDelta.of(NumberSet.of(3)), 5);
    SetVersion<NumberDelta> v3 = numbers.replace("a", NumberDelta.of(NumberSet.of(4)), 7);
    assertTrue(v1.version() < v2.version() && v2.version() < v3.version());
    assertEquals(v3, numbers.get("a").orElseThrow());
    assertEquals(List.of("a", "b"), numbers.list().stream().map(SetVersion::name).toList());
    assertEquals(1, v3.set().cardinality());
    assertEquals(7, v3.baselineBytes());
    assertTrue(numbers.remove("a"));
    assertFalse(numbers.remove("a"));
    assertEquals(SetKind.NUMBERS, numbers.kind());
    registry.markReady();
    assertTrue(registry.isReady());
  }

  @Test
  void namesFollowTheRule() {
    for (String good : List.of("a", "en", "A.b-c_9", "x".repeat(64))) {
      assertTrue(SetNames.isValid(good), good);
    }
    for (String bad : List.of("", "x".repeat(65), "a b", "a/b", "é", "a:b")) {
      assertFalse(SetNames.isValid(bad), bad);
    }
    assertFalse(SetNames.isValid(null));
    // . and .. name sets an earlier build stored (readable), but no new one
    for (String dots : List.of(".", "..")) {
      assertTrue(SetNames.isValid(dots), dots);
      assertFalse(SetNames.isValidNew(dots), dots);
    }
    assertTrue(SetNames.isValidNew("..."));
    assertTrue(SetNames.isValidNew(".en"));
    assertThrows(IllegalArgumentException.class, () -> new Registry().words().replace("a b", null, 0));
  }

  @Test
  void kindsByWireName() {
    assertEquals(SetKind.WORDS, SetKind.fromWireName("words"));
    assertEquals(SetKind.NUMBERS, SetKind.fromWireName("numbers"));
    assertEquals(null, SetKind.fromWireName("trees"));
  }
}
