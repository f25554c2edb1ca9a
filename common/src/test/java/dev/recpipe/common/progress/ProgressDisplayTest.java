package dev.recpipe.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressDisplayTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static Snapshot at(long done) {
    return Snapshot.of("reader", Unit.BYTES, done, 2_000_000_000L, 500).total(1000);
  }

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onATerminalEachLineIsRedrawnInPlaceOneColumnShortOfTheWidthAndTheLastEndsTheRow() {
    ProgressDisplay display = ProgressDisplay.terminal(err, 44, true);
    display.show(at(0));
    display.show(at(500));
    display.finish(at(1000));
    display.show(at(1000)); // after the end: nothing
    display.finish(at(1000));
    assertEquals("\rreader 0% 0 B/1.0 kB 500 B/s 0:02<0:02\033[K"
        + "\rreader 50% 500 B/1.0 kB 500 B/s 0:02<0:01\033[K"
        + "\rreader 100% 1.0 kB/1.0 kB 500 B/s 0:02<0:00\033[K\n", written());
  }

  /** A message written after {@code clear()} starts a row of its own; the next line is drawn below it. */
  @Test
  void clearErasesTheLineOnATerminalForAMessageAndNothingElsewhereOrAfterTheEnd() {
    ProgressDisplay display = ProgressDisplay.terminal(err, 44, true);
    display.show(at(0));
    display.clear();
    err.print("reader: a notice\n");
    display.show(at(500));
    display.finish(at(1000));
    display.clear();
    assertEquals("\rreader 0% 0 B/1.0 kB 500 B/s 0:02<0:02\033[K\r\033[Kreader: a notice\n"
        + "\rreader 50% 500 B/1.0 kB 500 B/s 0:02<0:01\033[K"
        + "\rreader 100% 1.0 kB/1.0 kB 500 B/s 0:02<0:00\033[K\n", written());
    ProgressDisplay log = ProgressDisplay.log(err);
    bytes.reset();
    log.clear();
    assertEquals("", written());
  }

  @Test
  void elsewhereOnlyTheSummaryAtTheEnd() {
    ProgressDisplay display = ProgressDisplay.log(err);
    assertFalse(display.isLive());
    display.show(at(500));
    display.finish(at(1000));
    display.finish(at(1000));
    assertEquals("reader: 1000 bytes of 1000, 2.0s, 500 B/s\n", written());
  }

  @Test
  void aFollowerGivesWayForGoodToALeaderOnTheSameTerminal(@TempDir Path dir) throws Exception {
    Path device = Files.createFile(dir.resolve("tty")); // a lock on a file works as on a device
    Screen screen = new Screen(Map.of("COLUMNS", "61"));
    ByteArrayOutputStream followerBytes = new ByteArrayOutputStream();
    ProgressDisplay follower = new ProgressDisplay(new PrintStream(followerBytes, true, StandardCharsets.UTF_8), screen,
        TerminalTurn.follower(device));
    ProgressDisplay leader = new ProgressDisplay(err, screen, TerminalTurn.leader(device));
    follower.show(at(100)); // before the leader: drawn
    assertTrue(followerBytes.size() > 0);
    int before = followerBytes.size();
    leader.show(at(200));
    follower.show(at(300));
    follower.finish(at(400));
    leader.finish(at(1000));
    assertEquals(before, followerBytes.size(), "the follower drew after the leader took over");
    assertEquals("\rreader 20% |###             | 200 B/1.0 kB 500 B/s 0:02<0:02\033[K"
        + "\rreader 100% |##############| 1.0 kB/1.0 kB 500 B/s 0:02<0:00\033[K\n", written());
  }

  @Test
  void theLocaleDecidesUnicode() {
    assertTrue(Screen.isUtf8(Map.of("LANG", "en_US.UTF-8")));
    assertTrue(Screen.isUtf8(Map.of("LC_ALL", "C.utf8", "LANG", "C")));
    assertFalse(Screen.isUtf8(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"))); // LC_ALL wins
    assertTrue(Screen.isUtf8(Map.of("LC_ALL", "", "LC_CTYPE", "C.UTF-8")));
    assertFalse(Screen.isUtf8(Map.of()));
  }
}
