package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Which failures are a full disk, and what the refusal says (the tmpfs tests cover real ones). */
class NoSpaceExceptionTest {
  @Test
  void aFullDiskNamesWhatWasBeingWritten() {
    NoSpaceException e = assertThrows(NoSpaceException.class, () -> NoSpaceException.writing(
        "the journal record of an update of words/en", () -> {
          throw new IOException("No space left on device");
        }));
    assertEquals("no space left on device writing the journal record of an update of words/en", e.getMessage());
    // wrapped, and Chronicle Map's own wording when it cannot preallocate
    assertThrows(NoSpaceException.class, () -> NoSpaceException.writing("x", () -> {
      throw new UncheckedIOException(new IOException("No space left on device"));
    }));
    assertThrows(NoSpaceException.class, () -> NoSpaceException.writing("x", () -> {
      throw new IllegalStateException("Not enough space to fallocate 80 MiB to / unallocated was 49 MiB");
    }));
  }

  @Test
  void otherFailuresPassUnchanged() {
    IOException other = new IOException("Input/output error");
    assertSame(other, assertThrows(IOException.class, () -> NoSpaceException.writing("x", () -> {
      throw other;
    })));
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> NoSpaceException.writing("x", () -> {
      throw bug;
    })));
  }

  @Test
  void theFirstNameSticks() throws IOException {
    NoSpaceException inner = new NoSpaceException("the snapshot of words/en", null);
    assertSame(inner, assertThrows(NoSpaceException.class, () -> NoSpaceException.writing("the outer write", () -> {
      throw inner;
    })));
    assertEquals("ok", NoSpaceException.writing("x", () -> "ok"));
  }
}
