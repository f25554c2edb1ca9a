package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout deal}: CSV where records should be gets the hint every stage gives, and the pipes end with the abort mark. */
@Timeout(60)
class DealCommandTest {
  @TempDir Path dir;

  @Test
  void csvOnStdinIsRefusedWithAHintToPutReaderInFront() throws IOException {
    Path a = Files.createFile(dir.resolve("a"));
    ToolRun run = ToolRun.of(new FanoutCommand(), "1,2,3\n".getBytes(StandardCharsets.US_ASCII), "deal", a.toString());
    assertEquals("fanout: byte offset 0: expected a record, an array [seq, value], found an integer; the input"
        + " looks like text, not records: put reader in front, e.g. 'reader FILE | fanout deal'\n", run.stderr());
    assertEquals(1, run.status());
    assertEquals("ff", Hex.encode(Files.readAllBytes(a)));
  }
}
