package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramsTest {
  @TempDir Path tools;

  @Test
  void aNameWithASlashIsAPath() {
    assertEquals("./my-stage", Programs.find("./my-stage", tools));
  }

  @Test
  void theToolsComeFirst() throws IOException {
    Path sh = program("sh");
    assertEquals(sh.toString(), Programs.find("sh", tools));
  }

  @Test
  void thenPath() {
    String sh = Programs.find("sh", tools);
    assertTrue(sh.endsWith("/sh") && !sh.startsWith(tools.toString()), sh);
  }

  @Test
  void aFileThatIsNotExecutableIsNoProgram() throws IOException {
    Files.writeString(tools.resolve("sh"), "");
    assertNotEquals(tools.resolve("sh").toString(), Programs.find("sh", tools));
  }

  @Test
  void notFound() {
    PipelineException e = assertThrows(PipelineException.class, () -> Programs.find("no-such-stage", tools));
    assertEquals("no-such-stage: command not found (looked in " + tools + " and on PATH)", e.getMessage());
  }

  @Test
  void theStagesPathStartsWithTheTools() {
    assertTrue(Programs.pathWith(tools).startsWith(tools + ":"));
  }

  private Path program(String name) throws IOException {
    Path program = Files.writeString(tools.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return program;
  }
}
