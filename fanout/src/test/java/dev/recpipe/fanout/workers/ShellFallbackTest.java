package dev.recpipe.fanout.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which programs /bin/sh runs for want of a {@code #!} line, at the edges of their first bytes. */
class ShellFallbackTest {
  @TempDir Path dir;

  @Test
  void aScriptWithAHashBangLineIsRunByItsInterpreter() throws IOException {
    assertFalse(ShellFallback.ranWithSh(file("#!/usr/bin/env python3\nimport sys\n")));
    assertFalse(ShellFallback.ranWithSh(file("#!")), "just the two bytes");
  }

  @Test
  void anElfBinaryIsRunItself() throws IOException {
    assertFalse(ShellFallback.ranWithSh(Path.of("/bin/sh").toRealPath()));
    assertFalse(ShellFallback.ranWithSh(Files.write(dir.resolve("elf"), new byte[] {0x7f, 'E', 'L', 'F'})));
  }

  @Test
  void anythingElseRunsWithSh() throws IOException {
    assertTrue(ShellFallback.ranWithSh(file("import sys\n")));
    assertTrue(ShellFallback.ranWithSh(file(" #!/bin/sh\n")), "the #! must be the first two bytes");
    assertTrue(ShellFallback.ranWithSh(file("#")));
    assertTrue(ShellFallback.ranWithSh(file("")), "an empty file too: execve refuses it");
    assertTrue(ShellFallback.ranWithSh(Files.write(dir.resolve("elfish"), new byte[] {0x7f, 'E', 'L'})));
  }

  @Test
  void whatCannotBeReadIsNotKnownToRunWithSh() {
    assertFalse(ShellFallback.ranWithSh(dir.resolve("missing")));
    assertFalse(ShellFallback.ranWithSh(dir), "a directory");
  }

  @Test
  void theHintComesAfterTheFailure() throws IOException {
    assertEquals("worker 1 (x) exited with status 2; it has no #! line, so /bin/sh ran it: unless it is a shell"
        + " script, add one such as #!/usr/bin/env python3",
        ShellFallback.explain("worker 1 (x) exited with status 2", file("import sys\n").toString()));
    assertEquals("worker 1 (x) exited with status 2",
        ShellFallback.explain("worker 1 (x) exited with status 2", file("#!/bin/sh\n").toString()));
  }

  private Path file(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "script", ""), text);
  }
}
