package dev.sieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** {@link Loads#cut}: a stop ends running loads as failed, once, and what they build later is refused. */
class LoadsCutTest {
  @Test
  void cutLoadsAreFailedOnceAndTheirLaterEndChangesNothing() {
    Loads loads = new Loads();
    List<String> logged = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Loads.LOG.addHandler(capture);
    try {
      List<LoadProgress> ended = new ArrayList<>();
      loads.onEnd(ended::add);
      LoadProgress a = loads.start("words", "a");
      LoadProgress b = loads.start("numbers", "b");
      LoadProgress done = loads.start("words", "done");
      assertTrue(loads.done(done, 1, 10));

      assertEquals(2, loads.cut("the server is stopping"));
      assertTrue(loads.running().isEmpty());
      assertEquals(LoadProgress.Phase.FAILED, a.phase());
      assertEquals("SetUnavailableException: the server is stopping", b.error());
      assertEquals(List.of(done, a, b), ended);
      assertEquals(3, loads.recent().size());

      // the pipelines end later: the build finished, the stream broke; neither counts again
      assertFalse(loads.done(a, 5, 50));
      assertFalse(loads.failed(b, new IllegalStateException("connection closed")));
      assertEquals(LoadProgress.Phase.FAILED, a.phase());
      assertEquals(-1, a.elements());
      assertEquals(3, ended.size());
      assertEquals(3, loads.recent().size());
      assertEquals(0, loads.cut("again"));
      assertEquals(3, logged.size(), logged.toString());
      assertEquals(2, logged.stream().filter(l -> l.startsWith("event=load.failed") && l.contains("stopping")).count());
    } finally {
      Loads.LOG.removeHandler(capture);
    }
  }
}
