package dev.recpipe.fanout;

import dev.recpipe.common.cli.ExitStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.cli.ToolTable;
import dev.recpipe.fanout.workers.CannotStartException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool's name finds its launcher beside fanout's own (recpipe.bin), for every row of the tool
 * table and for nothing else there; other names are looked up on PATH alone.
 */
class CommandLookupTest {
  @TempDir Path bin;
  private String before;

  @BeforeEach
  void launchersBesideFanouts() throws IOException {
    for (String name : Stream.concat(ToolTable.bundled().names().stream(), Stream.of("recpipe", "recpipe-cds")).toList()) {
      Path launcher = Files.writeString(bin.resolve(name), "#!/bin/sh\n");
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    before = System.setProperty("recpipe.bin", bin.toString());
  }

  @AfterEach
  void restore() {
    if (before == null) System.clearProperty("recpipe.bin");
    else System.setProperty("recpipe.bin", before);
  }

  @Test
  void everyToolOfTheTableIsFoundBesideFanout() throws CannotStartException {
    List<String> tools = ToolTable.bundled().names();
    assertFalse(tools.isEmpty());
    for (String tool : tools) {
      if (onPath(tool)) continue; // PATH comes first, as in a shell
      assertEquals(bin.resolve(tool).toString(), CommandLookup.find(tool), tool);
    }
  }

  @Test
  void otherProgramsBesideFanoutAreNotTools() {
    for (String other : List.of("recpipe", "recpipe-cds")) {
      if (onPath(other)) continue;
      CannotStartException e = assertThrows(CannotStartException.class, () -> CommandLookup.find(other));
      assertEquals(other + ": command not found", e.getMessage());
      assertEquals(ExitStatus.NOT_FOUND, e.exitStatus());
    }
  }

  private static boolean onPath(String name) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
  }
}
