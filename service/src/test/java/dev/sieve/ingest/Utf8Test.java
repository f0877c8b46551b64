package dev.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Utf8.isValid agrees with the JDK's strict decoder. */
class Utf8Test {
  private static boolean jdkValid(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void knownCases() {
    assertTrue(Utf8.isValid(new byte[0], 0, 0));
    assertTrue(Utf8.isValid("héllo 日本 😀".getBytes(StandardCharsets.UTF_8), 0, "héllo 日本 😀".getBytes(StandardCharsets.UTF_8).length));
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)); // overlong NUL
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)); // surrogate
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4)); // > U+10FFFF
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2)); // truncated
    assertTrue(Utf8.isValid(new byte[] {'x', (byte) 0xE2, (byte) 0x82}, 0, 1)); // only the slice counts
  }

  @Test
  void agreesWithTheJdkOnRandomBytes() {
    Random random = new Random(5);
    byte[] interesting = {0, 'a', 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xED,
        (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 0x9F, (byte) 0xA0, (byte) 0x90, (byte) 0x8F};
    for (int i = 0; i < 200_000; i++) {
      byte[] bytes = new byte[random.nextInt(6)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
      }
      assertEquals(jdkValid(bytes), Utf8.isValid(bytes, 0, bytes.length), () -> java.util.HexFormat.of().formatHex(bytes));
    }
  }
}
